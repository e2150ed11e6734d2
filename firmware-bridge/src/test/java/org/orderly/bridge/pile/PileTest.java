package org.orderly.bridge.pile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.orderly.bridge.pilot.InMemoryControlPilot;
import org.orderly.bridge.pilot.PilotSignal;
import org.orderly.bridge.testing.MutableClock;
import org.orderly.bridge.vehicle.SimulatedVehicle;
import org.orderly.bridge.vehicle.VehicleSpec;
import org.orderly.bridge.vehicle.VehicleState;

class PileTest {

    private final MutableClock clock = MutableClock.at("2026-06-01T19:00:00Z");
    private final InMemoryControlPilot pilot = new InMemoryControlPilot();
    private final SimulatedVehicle car = new SimulatedVehicle(VehicleSpec.typical(), 0.3);
    private final Pile pile = new Pile(PileConfig.homePile("P1"), pilot, car, clock, clock, clock);
    private final List<PileStatus> published = new ArrayList<>();

    {
        pile.onStatus(published::add);
    }

    @Test
    void withoutAVehicleThePileOffersTheSafeCurrentWithTheRelayOpen() {
        assertThat(pile.status()).isEqualTo(new PileStatus(VehicleState.A, 6.0, 0.0, 0.0, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
        assertThat(pilot.currentSignal().amps()).isEqualTo(6.0);
        assertThat(pilot.relayClosed()).isFalse();
    }

    @Test
    void aPluggedVehicleChargesUnderTheLeaseAndTheRelayCloses() {
        car.plugIn();
        pile.grant(16.0, Duration.ofSeconds(30));
        assertThat(pile.status().state()).isEqualTo(VehicleState.C);
        assertThat(pile.status().ampsOffered()).isEqualTo(16.0);
        assertThat(pile.status().powerKw()).isEqualTo(3.52);
        assertThat(pile.status().leaseExpiry()).contains(Instant.parse("2026-06-01T19:00:30Z"));
        assertThat(pilot.relayClosed()).isTrue();

        clock.advance(Duration.ofMinutes(1).minusSeconds(31)); // 29 s
        pile.step();
        assertThat(pile.status().sessionEnergyKwh()).isEqualTo(0.028); // 3.52 kW x 29 s
    }

    @Test
    void aSpedUpVehicleChargesOnItsOwnClockWhileTheLeaseKeepsRealTime() {
        MutableClock world = MutableClock.at("2026-06-01T19:00:00Z");
        SimulatedVehicle fast = new SimulatedVehicle(VehicleSpec.typical(), 0.3);
        Pile sped = new Pile(PileConfig.homePile("P2"), new InMemoryControlPilot(), fast, clock, clock, world);
        fast.plugIn();
        sped.grant(16.0, Duration.ofSeconds(30));

        clock.advance(Duration.ofSeconds(10));
        world.advance(Duration.ofMinutes(10)); // the world runs 60 times faster
        sped.step();

        assertThat(sped.status().sessionEnergyKwh()).isEqualTo(0.587); // 3.52 kW x 10 min
        assertThat(sped.status().leaseExpiry()).contains(Instant.parse("2026-06-01T19:00:30Z"));
    }

    @Test
    void zeroAmperesIsStandbyWithTheRelayOpenAndTheCarInB() {
        car.plugIn();
        pile.grant(0.0, Duration.ofSeconds(30));
        assertThat(pilot.currentSignal()).isEqualTo(new PilotSignal.Standby());
        assertThat(pilot.relayClosed()).isFalse();
        assertThat(pile.status().state()).isEqualTo(VehicleState.B);
    }

    @Test
    void statusIsPublishedOnlyWhenItChanges() {
        pile.step();
        pile.step();
        assertThat(published).isEmpty();
        pile.grant(20.0, Duration.ofSeconds(10));
        assertThat(published).hasSize(1);
    }

    /**
     * A stop closes the pile while a tick (the watchdog's, or a step) or a PUT /limit may still be running on another
     * thread: what it does after the close must not drive the outputs again, and a grant is refused, so that its PUT
     * /limit is not answered as if the limit stood.
     */
    @Test
    void aClosedPileStaysSafeWhenATickOrALeaseComesLate() {
        car.plugIn();
        pile.grant(16.0, Duration.ofSeconds(30));
        assertThat(pilot.relayClosed()).isTrue();

        pile.close();
        pile.step();
        assertThatThrownBy(() -> pile.grant(16.0, Duration.ofSeconds(30))).as("a grant after the close")
                .isInstanceOf(IllegalStateException.class).hasMessage("pile P1 is stopping");

        assertThat(pilot.relayClosed()).as("relay").isFalse();
        assertThat(pilot.currentSignal()).as("pilot").isEqualTo(new PilotSignal.Standby());
    }

    @Test
    void aCurrentOutsideTheRatingIsRefused() {
        assertThatThrownBy(() -> pile.grant(40.0, Duration.ofSeconds(10)))
                .hasMessageContaining("pile P1").hasMessageContaining("[6, 32]");
    }

    @Test
    void configurationErrorsSayWhichPileAndWhy() {
        assertThatThrownBy(() -> new PileConfig("P9", "1", 6, 32, 1, 220, 4))
                .hasMessageContaining("pile P9").hasMessageContaining("safe current 4 A must be 0 or within [6, 32] A");
        assertThatThrownBy(() -> new PileConfig("P9", "1", 6, 90, 1, 220, 6))
                .hasMessage("pile P9: need 6 A <= min (6) <= max (90) <= 80 A");
        assertThatThrownBy(() -> new PileConfig("P9", "1", 6, 32, 2, 220, 6)).hasMessageContaining("phases");
    }

    /**
     * The plug-in moment is on the elapsed time, kept while the car stays (so the status, and Observe, do not change
     * with it), unsaid in E and the same after it (until 2026-12-07 E ended it: PlugInThroughFaultTest), gone when it
     * leaves, and new at the next plug-in; a step of the wall clock does not move it.
     */
    @Test
    void thePlugInMomentIsKeptOnTheElapsedTimeUntilTheCarLeaves() {
        pile.step();
        assertThat(pile.status().pluggedIn()).as("no car").isEmpty();
        assertThat(pile.pluggedFor(pile.status())).isEmpty();

        clock.advance(Duration.ofSeconds(5));
        car.plugIn();
        pile.step();
        PileStatus plugged = pile.status();
        assertThat(plugged.pluggedIn()).contains(new PlugIn(Duration.ofSeconds(5).toNanos()));

        clock.advance(Duration.ofSeconds(90));
        clock.step(Duration.ofHours(-1)); // NTP sets the wall clock back
        pile.step();
        assertThat(pile.status().pluggedIn()).isEqualTo(plugged.pluggedIn());
        assertThat(pile.pluggedFor(pile.status())).contains(Duration.ofSeconds(90));

        car.fault();
        pile.step();
        assertThat(pile.status().pluggedIn()).as("state E").isEmpty();
        car.clearFault();
        clock.advance(Duration.ofSeconds(1));
        pile.step();
        assertThat(pile.status().pluggedIn()).as("B again after a moment in E: the same plug-in")
                .isEqualTo(plugged.pluggedIn());

        car.unplug();
        pile.step();
        assertThat(pile.status().pluggedIn()).as("unplugged").isEmpty();
    }
}
