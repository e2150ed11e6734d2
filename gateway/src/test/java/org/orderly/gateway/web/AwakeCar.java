package org.orderly.gateway.web;

import org.orderly.bridge.vehicle.Vehicle;
import org.orderly.bridge.vehicle.VehicleReading;
import org.orderly.bridge.vehicle.VehicleState;

/**
 * A car plugged in and awake that does not charge: it draws {@link #KW} whenever the simulated car would charge, its
 * electronics, not its battery. Never so little that the gateway finds it full (10 W), never as much as charging
 * (0.1 kW, {@code CycleSeen.CHARGING_KW}): a car given current that is not charging.
 */
final class AwakeCar {
    /** What the car draws while it is offered current, in kW. */
    static final double KW = 0.05;

    private AwakeCar() {
    }

    /** {@code car}, awake and not charging. */
    static Vehicle of(Vehicle car) {
        return (now, amps, phases, volts) -> {
            VehicleReading r = car.step(now, amps, phases, volts);
            return r.state() == VehicleState.C && r.powerKw() > 0 ? new VehicleReading(VehicleState.C, KW) : r;
        };
    }
}
