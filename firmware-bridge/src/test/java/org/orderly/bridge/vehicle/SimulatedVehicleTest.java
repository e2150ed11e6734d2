package org.orderly.bridge.vehicle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SimulatedVehicleTest {

    private static final Instant T0 = Instant.parse("2026-06-01T19:00:00Z");
    private final SimulatedVehicle car = new SimulatedVehicle(VehicleSpec.typical(), 0.5);

    private VehicleReading at(long minutes, double amps) {
        return car.step(T0.plus(Duration.ofMinutes(minutes)), amps, 1, 220.0);
    }

    @Test
    void unpluggedIsStateA() {
        assertThat(at(0, 32)).isEqualTo(VehicleReading.ABSENT);
    }

    @Test
    void pluggedWithoutAnOfferIsStateB() {
        car.plugIn();
        assertThat(at(0, 0)).isEqualTo(new VehicleReading(VehicleState.B, 0.0));
        assertThat(at(1, 5.9)).isEqualTo(new VehicleReading(VehicleState.B, 0.0));
    }

    @Test
    void drawIsTheOfferUpToTheOnBoardCharger() {
        car.plugIn();
        assertThat(at(0, 16)).isEqualTo(new VehicleReading(VehicleState.C, 16 * 220 / 1000.0));
        assertThat(at(1, 32).powerKw()).isEqualTo(7.0); // 7.04 kW offered, 7 kW charger
        assertThat(car.step(T0.plus(Duration.ofMinutes(2)), 16, 3, 220.0).powerKw()).isEqualTo(7.0);
    }

    @Test
    void energyAccumulatesAndTheDrawTapersNearFull() {
        SimulatedVehicle nearlyFull = new SimulatedVehicle(VehicleSpec.typical(), 0.79);
        nearlyFull.plugIn();
        assertThat(nearlyFull.step(T0, 32, 1, 220).powerKw()).isEqualTo(7.0);
        // one hour at 7 kW on 60 kWh: +11.7 % -> about 90 %, taper halfway
        VehicleReading later = nearlyFull.step(T0.plus(Duration.ofHours(1)), 32, 1, 220);
        assertThat(nearlyFull.stateOfCharge()).isCloseTo(0.79 + 7.0 / 60.0, within(1e-9));
        assertThat(later.powerKw()).isCloseTo(7.0 * (1 - nearlyFull.stateOfCharge()) / 0.2, within(1e-9));
        assertThat(later.state()).isEqualTo(VehicleState.C);
    }

    @Test
    void aFullBatteryStopsInStateB() {
        SimulatedVehicle full = new SimulatedVehicle(VehicleSpec.typical(), 1.0);
        full.plugIn();
        assertThat(full.step(T0, 32, 1, 220)).isEqualTo(new VehicleReading(VehicleState.B, 0.0));
    }

    @Test
    void aFaultIsStateEUntilCleared() {
        car.plugIn();
        car.fault();
        assertThat(at(0, 16).state()).isEqualTo(VehicleState.E);
        car.clearFault();
        assertThat(at(1, 16).state()).isEqualTo(VehicleState.C);
        car.unplug();
        assertThat(at(2, 16).state()).isEqualTo(VehicleState.A);
    }
}
