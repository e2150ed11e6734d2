package org.orderly.bridge.pile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.orderly.bridge.coap.PayloadCodec;
import org.orderly.bridge.coap.StatusBody;
import org.orderly.bridge.pilot.InMemoryControlPilot;
import org.orderly.bridge.testing.MutableClock;
import org.orderly.bridge.vehicle.PlugInWatch;
import org.orderly.bridge.vehicle.SimulatedVehicle;
import org.orderly.bridge.vehicle.VehicleSpec;

/**
 * docs/firmware-bridge.md, the /status table: {@code pluggedAtStart} says the car plugged in is the one the bridge found
 * plugged in at its start (a bridge restarted mid-session keeps nothing, and its {@code pluggedSeconds} counts from its
 * start), so that the gateway can keep that car's session on; a car plugged in while the bridge runs has none.
 */
class PluggedAtStartTest {

    private final MutableClock clock = MutableClock.at("2026-06-01T19:00:00Z");
    private final SimulatedVehicle car = new SimulatedVehicle(VehicleSpec.typical(), 0.3);

    @Test
    void theCarFoundPluggedInAtTheStartIsSaidSoUntilItIsUnplugged() throws Exception {
        car.plugIn();
        Pile pile = new Pile(PileConfig.homePile("P1"), new InMemoryControlPilot(), car, clock, clock, clock);
        JsonNode found = statusAfter(pile, 9);
        assertThat(found.path("pluggedAtStart").isBoolean() && found.get("pluggedAtStart").booleanValue())
                .as("the car found at the start: %s", found).isTrue();
        assertThat(found.path("pluggedSeconds").asLong()).as("counted from the start: %s", found).isEqualTo(9);

        car.unplug();
        JsonNode unplugged = statusAfter(pile, 1);
        assertThat(unplugged.has("pluggedAtStart")).as("unplugged: %s", unplugged).isFalse();
        assertThat(unplugged.path("lastSession").path("pluggedAtStart").asBoolean(false))
                .as("its session, counted from the start, says so: %s", unplugged).isTrue();

        car.plugIn();
        JsonNode next = statusAfter(pile, 1);
        assertThat(next.has("pluggedAtStart")).as("a car plugged in since: %s", next).isFalse();
        assertThat(next.has("pluggedSeconds")).as("plugged in: %s", next).isTrue();
        assertThat(next.path("lastSession").path("pluggedAtStart").asBoolean(false))
                .as("the ended session still the car's found at the start: %s", next).isTrue();

        car.unplug();
        JsonNode later = statusAfter(pile, 1);
        assertThat(later.path("lastSession").has("pluggedAtStart"))
                .as("a session of a car plugged in since says none: %s", later).isFalse();
    }

    @Test
    void aCarPluggedInWhileTheBridgeRunsIsNotSaidFoundAtTheStart() throws Exception {
        Pile pile = new Pile(PileConfig.homePile("P1"), new InMemoryControlPilot(), car, clock, clock, clock);
        car.plugIn();
        JsonNode plugged = statusAfter(pile, 1);
        assertThat(plugged.has("pluggedSeconds")).as("plugged in: %s", plugged).isTrue();
        assertThat(plugged.has("pluggedAtStart")).as("plugged in after the start: %s", plugged).isFalse();
    }

    /**
     * E (or F) before the first plug-in says nothing of a car there: only A says it left. E after a plug-in keeps that
     * plug-in unless it lasts {@link PlugInWatch#KEPT_THROUGH_FAULT} (until 2026-12-07 it ended it, as an unplug does):
     * the car back is still the one found at the start.
     */
    @Test
    void aCarInEAtTheFirstStepIsTheOneFoundThereOnceReadPluggedIn() throws Exception {
        car.plugIn();
        car.fault();
        Pile pile = new Pile(PileConfig.homePile("P1"), new InMemoryControlPilot(), car, clock, clock, clock);
        JsonNode faulted = statusAfter(pile, 1);
        assertThat(faulted.path("state").asText()).as("E: %s", faulted).isEqualTo("E");
        assertThat(faulted.has("pluggedAtStart")).as("in E: %s", faulted).isFalse();

        car.clearFault();
        JsonNode found = statusAfter(pile, 1);
        assertThat(found.path("pluggedAtStart").asBoolean(false)).as("read plugged in, no A read: %s", found).isTrue();

        car.fault();
        statusAfter(pile, 1);
        car.clearFault();
        JsonNode after = statusAfter(pile, 1);
        assertThat(after.path("pluggedAtStart").asBoolean(false)).as("its plug-in kept through E: %s", after).isTrue();

        car.fault();
        statusAfter(pile, 1);
        statusAfter(pile, PlugInWatch.KEPT_THROUGH_FAULT.toSeconds());
        car.clearFault();
        JsonNode afterLong = statusAfter(pile, 1);
        assertThat(afterLong.has("pluggedSeconds")).as("plugged in: %s", afterLong).isTrue();
        assertThat(afterLong.has("pluggedAtStart")).as("its plug-in ended by a long E: %s", afterLong).isFalse();
    }

    /** The status the pile says after a step {@code seconds} on. */
    private JsonNode statusAfter(Pile pile, long seconds) throws Exception {
        clock.advance(Duration.ofSeconds(seconds));
        pile.step();
        return json(pile);
    }

    private static JsonNode json(Pile pile) throws Exception {
        PileStatus status = pile.status();
        StatusBody body = StatusBody.of(status, pile.pluggedFor(status), pile.sessionPluggedFor(status),
                pile.lastSessionAgo(status));
        return new ObjectMapper().readTree(new PayloadCodec().encode(body, PayloadCodec.JSON).payload());
    }
}
