package org.orderly.bridge.pile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.orderly.bridge.coap.StatusBody;
import org.orderly.bridge.pilot.InMemoryControlPilot;
import org.orderly.bridge.testing.MutableClock;
import org.orderly.bridge.vehicle.SimulatedVehicle;
import org.orderly.bridge.vehicle.VehicleSpec;
import org.orderly.bridge.vehicle.VehicleState;

/**
 * docs/firmware-bridge.md, the /status table: {@code pluggedSeconds} is "only while a vehicle is plugged in (absent,
 * not null, in A, E and F)", and {@link PileStatus#pluggedIn()} is "empty in A, E and F". A pile held in F by a fault
 * (here a residual current) with the car still plugged in says F, and must not say pluggedSeconds.
 */
class PluggedSecondsWhileFaultedTest {

    private final MutableClock clock = MutableClock.at("2026-06-01T19:00:00Z");
    private final SimulatedVehicle car = new SimulatedVehicle(VehicleSpec.typical(), 0.3);
    private final Pile pile = new Pile(PileConfig.homePile("P1"), new InMemoryControlPilot(), car, clock, clock, clock);

    @Test
    void aPileHeldInFByAFaultSaysNoPluggedSeconds() {
        car.plugIn();
        pile.grant(16.0, Duration.ofMinutes(10));
        clock.advance(Duration.ofSeconds(30));
        pile.step();
        assertThat(pile.status().state()).isEqualTo(VehicleState.C);

        pile.trip(PileFault.residualCurrent(() -> true));
        clock.advance(Duration.ofSeconds(5));
        pile.step();

        PileStatus status = pile.status();
        StatusBody body = StatusBody.of(status, pile.pluggedFor(status), Optional.empty(), Optional.empty());
        assertThat(body.state()).isEqualTo("F");
        assertThat(body.fault()).isEqualTo("residual current");
        assertThat(status.pluggedIn()).as("PileStatus.pluggedIn is empty in F: %s", status).isEmpty();
        assertThat(body.pluggedSeconds()).as("pluggedSeconds absent in F: %s", body).isNull();
    }
}
