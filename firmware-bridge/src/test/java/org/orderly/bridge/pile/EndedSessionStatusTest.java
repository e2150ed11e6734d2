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
 * docs/firmware-bridge.md, the /status table: after the car is unplugged {@code sessionEnergyKwh} stays, until the next
 * plug-in, and {@code sessionPluggedSeconds} says since when that session counts, so that a gateway that could not hear
 * the pile when the car left can tell the ended session's energy from that of a car plugged in and out meanwhile.
 */
class EndedSessionStatusTest {

    private final MutableClock clock = MutableClock.at("2026-06-01T19:00:00Z");
    private final SimulatedVehicle car = new SimulatedVehicle(VehicleSpec.typical(), 0.3);
    private final Pile pile = new Pile(PileConfig.homePile("P1"), new InMemoryControlPilot(), car, clock, clock, clock);

    @Test
    void anUnpluggedPileSaysTheEndedSessionsEnergyAndSinceWhenItCounted() throws Exception {
        pile.step();
        assertThat(json().has("sessionPluggedSeconds")).as("no plug-in since the start: %s", json()).isFalse();

        double ended = chargedForTwentyMinutesAndUnplugged();
        assertThat(ended).as("20 minutes at 16 A").isGreaterThan(1.0);
        clock.advance(Duration.ofMinutes(10));
        pile.step();

        JsonNode unplugged = json();
        assertThat(unplugged.get("state").asText()).isEqualTo("A");
        assertThat(unplugged.has("pluggedSeconds")).as("no car plugged in: %s", unplugged).isFalse();
        assertThat(unplugged.get("sessionEnergyKwh").asDouble()).as("the ended session's energy").isEqualTo(ended);
        assertThat(unplugged.path("sessionPluggedSeconds").asLong(-1)).as("its plug-in, 30 min 1 s ago: %s", unplugged)
                .isEqualTo(30 * 60 + 1);

        car.plugIn();
        clock.advance(Duration.ofSeconds(7));
        pile.step();
        JsonNode next = json();
        assertThat(next.get("sessionPluggedSeconds").asLong()).as("the next car's session: %s", next)
                .isEqualTo(next.get("pluggedSeconds").asLong()).isLessThanOrEqualTo(7);
    }

    /**
     * {@code lastSession} says the session that ended, also once the next car is plugged in: a gateway that could not
     * hear the pile when the first car left and hears it again with the next one has the first one's count.
     */
    @Test
    void theLastSessionThatEndedIsSaidAfterTheNextPlugInToo() throws Exception {
        pile.step();
        assertThat(json().has("lastSession")).as("no session ended since the start: %s", json()).isFalse();
        double ended = chargedForTwentyMinutesAndUnplugged();
        assertThat(json().has("lastSession")).as("the session ended: %s", json()).isTrue();
        clock.advance(Duration.ofMinutes(10));
        car.plugIn();
        pile.step();
        clock.advance(Duration.ofMinutes(2));
        pile.step();

        JsonNode next = json();
        assertThat(next.get("sessionEnergyKwh").asDouble()).as("the next car's count: %s", next).isLessThan(ended);
        JsonNode last = next.path("lastSession");
        assertThat(last.path("energyKwh").asDouble(-1)).as("the ended session's energy: %s", next).isEqualTo(ended);
        assertThat(last.path("pluggedSeconds").asLong(-1)).as("its plug-in, 32 min 1 s ago").isEqualTo(32 * 60 + 1);
        assertThat(last.path("endedSeconds").asLong(-1)).as("its unplug, 12 min ago").isEqualTo(12 * 60);
    }

    /** The car plugged in, charging at 16 A for 20 minutes, unplugged a second later; its session's energy. */
    private double chargedForTwentyMinutesAndUnplugged() {
        car.plugIn();
        pile.grant(16.0, Duration.ofMinutes(30));
        pile.step();
        clock.advance(Duration.ofMinutes(20));
        pile.step();
        car.unplug();
        clock.advance(Duration.ofSeconds(1));
        pile.step();
        return pile.status().sessionEnergyKwh();
    }

    private JsonNode json() throws Exception {
        PileStatus status = pile.status();
        StatusBody body = StatusBody.of(status, pile.pluggedFor(status), pile.sessionPluggedFor(status),
                pile.lastSessionAgo(status));
        return new ObjectMapper().readTree(new PayloadCodec().encode(body, PayloadCodec.JSON).payload());
    }
}
