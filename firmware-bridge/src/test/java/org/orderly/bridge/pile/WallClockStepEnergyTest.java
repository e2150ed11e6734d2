package org.orderly.bridge.pile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.orderly.bridge.pilot.InMemoryControlPilot;
import org.orderly.bridge.vehicle.SimulatedVehicle;
import org.orderly.bridge.vehicle.VehicleSpec;
import org.orderly.bridge.vehicle.VehicleState;
import org.orderly.testkit.SteppedClock;

/**
 * A bridge started with {@code --simulate-vehicle} whose machine's wall clock is set forward an hour while its car
 * charges (NTP at a Pi's boot): the pile as {@code BridgeMain} makes it ({@link Pile#awaitingProtections}, on the
 * clock it is given) counts only the time that passed. Until 2026-12-07 its car and count ran on the wall clock, and
 * the step was counted as an hour at the car's draw: 7 kWh in one step, the car 12 % fuller.
 */
class WallClockStepEnergyTest {

    @Test
    void aStepOfTheWallClockIsNoTimeTheCarChargedIn() {
        SteppedClock clock = new SteppedClock();
        SimulatedVehicle car = new SimulatedVehicle(VehicleSpec.typical(), 0.3);
        car.plugIn();
        long began = System.nanoTime();
        Pile pile = Pile.awaitingProtections(PileConfig.homePile("P1"), new InMemoryControlPilot(), car, clock);
        try {
            pile.arm();
            pile.grant(32.0, Duration.ofSeconds(30));
            assertThat(pile.status().state()).isEqualTo(VehicleState.C);

            clock.step(Duration.ofHours(1));
            pile.step();
            double passedHours = (System.nanoTime() - began) / 3.6e12;

            // At most the car's on-board charger over the time that passed, and the count's rounding.
            double mostKwh = VehicleSpec.typical().onBoardChargerKw() * passedHours + 0.001;
            assertThat(pile.status().sessionEnergyKwh()).as("the count after the wall clock was set an hour forward, "
                    + "%.3f s passed", passedHours * 3600).isLessThanOrEqualTo(mostKwh);
            assertThat(car.stateOfCharge()).as("the car's state of charge").isLessThanOrEqualTo(
                    0.3 + mostKwh / VehicleSpec.typical().capacityKwh());
        } finally {
            pile.close();
        }
    }
}
