package org.orderly.bridge.vehicle;

import java.time.Instant;

/** The vehicle side of the pile: advanced once a pile step with the current offered. */
public interface Vehicle {

    /**
     * Advances to {@code now} under an offer of {@code offeredAmps} per phase on {@code phases}
     * phases at {@code voltsPerPhase}; returns the state and draw from now on.
     */
    VehicleReading step(Instant now, double offeredAmps, int phases, double voltsPerPhase);

    /**
     * Whether this vehicle's state A means a car was seen unplugged on the control pilot, which releases a pile's
     * fault: only a vehicle sensed on the pilot can tell.
     */
    default boolean seesUnplug() {
        return false;
    }

    /**
     * Whether the state it gives is read from the car: a vehicle sensed on the pilot is A until its first state is
     * taken, which says nothing of a car plugged in at the bridge's start ({@code pluggedAtStart}).
     */
    default boolean stateRead() {
        return true;
    }

    /** No vehicle is ever plugged (a bridge without simulation and without pilot sensing). */
    static Vehicle none() {
        return (now, amps, phases, volts) -> VehicleReading.ABSENT;
    }
}
