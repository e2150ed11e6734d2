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
        clock.advance(Duration.ofSeconds(9));
        pile.step();
        JsonNode found = json(pile);
        assertThat(found.path("pluggedAtStart").isBoolean() && found.get("pluggedAtStart").booleanValue())
                .as("the car found at the start: %s", found).isTrue();
        assertThat(found.path("pluggedSeconds").asLong()).as("counted from the start: %s", found).isEqualTo(9);

        car.unplug();
        clock.advance(Duration.ofSeconds(1));
        pile.step();
        assertThat(json(pile).has("pluggedAtStart")).as("unplugged: %s", json(pile)).isFalse();

        car.plugIn();
        clock.advance(Duration.ofSeconds(1));
        pile.step();
        JsonNode next = json(pile);
        assertThat(next.has("pluggedAtStart")).as("a car plugged in since: %s", next).isFalse();
        assertThat(next.has("pluggedSeconds")).as("plugged in: %s", next).isTrue();
    }

    @Test
    void aCarPluggedInWhileTheBridgeRunsIsNotSaidFoundAtTheStart() throws Exception {
        Pile pile = new Pile(PileConfig.homePile("P1"), new InMemoryControlPilot(), car, clock, clock, clock);
        car.plugIn();
        clock.advance(Duration.ofSeconds(1));
        pile.step();
        JsonNode plugged = json(pile);
        assertThat(plugged.has("pluggedSeconds")).as("plugged in: %s", plugged).isTrue();
        assertThat(plugged.has("pluggedAtStart")).as("plugged in after the start: %s", plugged).isFalse();
    }

    private static JsonNode json(Pile pile) throws Exception {
        PileStatus status = pile.status();
        StatusBody body = StatusBody.of(status, pile.pluggedFor(status), pile.sessionPluggedFor(status),
                pile.lastSessionAgo(status));
        return new ObjectMapper().readTree(new PayloadCodec().encode(body, PayloadCodec.JSON).payload());
    }
}
