package org.orderly.bridge.vehicle;

/**
 * A simulated vehicle's battery and charger.
 *
 * @param onBoardChargerKw the most the on-board charger takes, all phases together
 * @param capacityKwh      usable battery capacity
 * @param taperFromSoc     state of charge (0..1) above which the draw tapers linearly to the
 *                         minimum at full
 */
public record VehicleSpec(double onBoardChargerKw, double capacityKwh, double taperFromSoc) {

    public VehicleSpec {
        if (!(onBoardChargerKw > 0.0)) {
            throw new IllegalArgumentException("on-board charger must be > 0 kW, got " + onBoardChargerKw);
        }
        if (!(capacityKwh > 0.0)) {
            throw new IllegalArgumentException("battery capacity must be > 0 kWh, got " + capacityKwh);
        }
        if (!(taperFromSoc > 0.0 && taperFromSoc < 1.0)) {
            throw new IllegalArgumentException("taper must start within (0, 1) state of charge, got " + taperFromSoc);
        }
    }

    /** A typical Chinese compact EV: 7 kW single-phase charger, 60 kWh, taper from 80 %. */
    public static VehicleSpec typical() {
        return new VehicleSpec(7.0, 60.0, 0.8);
    }
}
