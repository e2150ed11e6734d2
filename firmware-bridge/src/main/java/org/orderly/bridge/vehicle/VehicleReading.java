package org.orderly.bridge.vehicle;

import java.util.Objects;
import java.util.Optional;

/**
 * The vehicle's state and the power it draws now, in kW (all phases).
 *
 * @param metered the session as a pile meter measures it; empty when the pile integrates the power itself
 */
public record VehicleReading(VehicleState state, double powerKw, Optional<MeteredSession> metered) {

    public static final VehicleReading ABSENT = new VehicleReading(VehicleState.A, 0.0);

    /** A reading without a meter: the pile counts the session's energy from the power. */
    public VehicleReading(VehicleState state, double powerKw) {
        this(state, powerKw, Optional.empty());
    }

    public VehicleReading {
        Objects.requireNonNull(metered, "metered");
        if (!(powerKw >= 0.0)) {
            throw new IllegalArgumentException("vehicle power must be >= 0 kW, got " + powerKw);
        }
        if (powerKw > 0.0 && state != VehicleState.C) {
            throw new IllegalArgumentException("only state C draws power; state " + state + " drew " + powerKw + " kW");
        }
    }
}
