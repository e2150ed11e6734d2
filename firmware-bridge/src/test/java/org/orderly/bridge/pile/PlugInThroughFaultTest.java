package org.orderly.bridge.pile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.orderly.bridge.meter.MeterReading;
import org.orderly.bridge.meter.MeterValues;
import org.orderly.bridge.meter.MeteredVehicle;
import org.orderly.bridge.pilot.InMemoryControlPilot;
import org.orderly.bridge.testing.MutableClock;
import org.orderly.bridge.vehicle.PlugInWatch;
import org.orderly.bridge.vehicle.SimulatedVehicle;
import org.orderly.bridge.vehicle.VehicleSpec;
import org.orderly.bridge.vehicle.VehicleState;

/**
 * docs/firmware-bridge.md, "E or F under a plug-in": only A says the car left; a car whose pilot reads E (or F) for
 * less than {@link PlugInWatch#KEPT_THROUGH_FAULT} and then B or C again keeps its plug-in (the same
 * {@code pluggedSeconds} start), its session's energy counting on and no session ended; E that lasts that long ends it,
 * as A does. The relay is open throughout E, whatever the lease offers. Until 2026-12-07 any E or F ended the plug-in.
 */
class PlugInThroughFaultTest {

    private final MutableClock clock = MutableClock.at("2026-06-01T19:00:00Z");
    private final SimulatedVehicle car = new SimulatedVehicle(VehicleSpec.typical(), 0.3);
    private final InMemoryControlPilot pilot = new InMemoryControlPilot();

    private Pile chargingPile(MeteredVehicle metered) {
        car.plugIn();
        Pile pile = new Pile(PileConfig.homePile("P1"), pilot, metered == null ? car : metered, clock, clock, clock);
        pile.grant(16.0, Duration.ofHours(1));
        stepAfter(pile, Duration.ofMinutes(30));
        assertThat(pile.status().state()).isEqualTo(VehicleState.C);
        assertThat(pilot.relayClosed()).as("charging").isTrue();
        return pile;
    }

    private void stepAfter(Pile pile, Duration by) {
        clock.advance(by);
        pile.step();
    }

    @Test
    void aCarBackInCAfterAShortEKeepsItsPlugInAndItsSessionsEnergy() {
        Pile pile = chargingPile(null);
        PlugIn plugIn = pile.status().pluggedIn().orElseThrow();
        double before = pile.status().sessionEnergyKwh();
        assertThat(before).as("taken in 30 minutes").isPositive();

        car.fault();
        stepAfter(pile, Duration.ofSeconds(1));
        PileStatus inE = pile.status();
        assertThat(inE.state()).isEqualTo(VehicleState.E);
        assertThat(pilot.relayClosed()).as("relay open in E, the lease offering 16 A").isFalse();
        assertThat(inE.pluggedIn()).as("no plug-in said in E").isEmpty();

        stepAfter(pile, PlugInWatch.KEPT_THROUGH_FAULT.minusSeconds(2));
        assertThat(pile.status().sessionEnergyKwh()).as("the session's count held in E")
                .isEqualTo(inE.sessionEnergyKwh());
        car.clearFault();
        stepAfter(pile, Duration.ofSeconds(1));
        stepAfter(pile, Duration.ofMinutes(10));

        PileStatus back = pile.status();
        assertThat(back.state()).isEqualTo(VehicleState.C);
        assertThat(pilot.relayClosed()).as("charging again").isTrue();
        assertThat(back.pluggedIn()).as("the plug-in before E").contains(plugIn);
        assertThat(back.sessionPlugIn()).as("the session before E").contains(plugIn);
        assertThat(back.lastSession()).as("no session ended").isEmpty();
        assertThat(back.sessionEnergyKwh()).as("counted on from %s kWh", before).isGreaterThan(before);
    }

    @Test
    void anEThatLastsEndsThePlugInAsAnUnplugDoes() {
        Pile pile = chargingPile(null);
        PlugIn plugIn = pile.status().pluggedIn().orElseThrow();
        double before = pile.status().sessionEnergyKwh();

        car.fault();
        stepAfter(pile, Duration.ofSeconds(1));
        stepAfter(pile, PlugInWatch.KEPT_THROUGH_FAULT);
        assertThat(pile.status().lastSession()).as("ended once E lasted %s", PlugInWatch.KEPT_THROUGH_FAULT)
                .hasValueSatisfying(s -> {
                    assertThat(s.plugIn()).isEqualTo(plugIn);
                    assertThat(s.energyKwh()).isGreaterThanOrEqualTo(before);
                });

        car.clearFault();
        stepAfter(pile, Duration.ofSeconds(1));
        assertThat(pile.status().pluggedIn()).as("a new plug-in").hasValueSatisfying(
                p -> assertThat(p.elapsedNanos()).isGreaterThan(plugIn.elapsedNanos()));
        assertThat(pile.status().sessionEnergyKwh()).as("counted from 0 again").isLessThan(before);
    }

    @Test
    void anAReadBetweenEndsThePlugInHoweverShortTheE() {
        Pile pile = chargingPile(null);
        PlugIn plugIn = pile.status().pluggedIn().orElseThrow();

        car.fault();
        stepAfter(pile, Duration.ofSeconds(1));
        car.clearFault();
        car.unplug();
        stepAfter(pile, Duration.ofSeconds(1));
        assertThat(pile.status().lastSession()).as("ended by A").isPresent();
        car.plugIn();
        stepAfter(pile, Duration.ofSeconds(1));
        assertThat(pile.status().pluggedIn()).as("a new plug-in").hasValueSatisfying(
                p -> assertThat(p.elapsedNanos()).isGreaterThan(plugIn.elapsedNanos()));
    }

    /** A pile meter's session is the pile's plug-in: through a short E it counts on from the same start. */
    @Test
    void aMeteredSessionCountsOnFromTheSameStartThroughAShortE() {
        double[] counted = {100.0};
        MeteredVehicle metered = new MeteredVehicle(car, () -> new MeterReading(true,
                Optional.of(new MeterValues(0.0, counted[0], counted[0]))));
        Pile pile = chargingPile(metered);
        counted[0] = 103.0;
        stepAfter(pile, Duration.ofMinutes(1));
        assertThat(pile.status().sessionEnergyKwh()).isEqualTo(3.0);

        car.fault();
        stepAfter(pile, Duration.ofSeconds(1));
        car.clearFault();
        stepAfter(pile, Duration.ofSeconds(1));
        counted[0] = 104.0;
        stepAfter(pile, Duration.ofMinutes(1));
        assertThat(pile.status().sessionEnergyKwh()).as("from the count at the plug-in before E").isEqualTo(4.0);
    }
}
