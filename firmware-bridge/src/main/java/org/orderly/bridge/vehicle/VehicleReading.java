package org.orderly.bridge.vehicle;

/** The vehicle's state and the power it draws now, in kW (all phases). */
public record VehicleReading(VehicleState state, double powerKw) {

    public static final VehicleReading ABSENT = new VehicleReading(VehicleState.A, 0.0);

    public VehicleReading {
        if (!(powerKw >= 0.0)) {
            throw new IllegalArgumentException("vehicle power must be >= 0 kW, got " + powerKw);
        }
        if (powerKw > 0.0 && state != VehicleState.C) {
            throw new IllegalArgumentException("only state C draws power; state " + state + " drew " + powerKw + " kW");
        }
    }
}
