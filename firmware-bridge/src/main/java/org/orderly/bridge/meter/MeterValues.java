package org.orderly.bridge.meter;

import java.util.List;
import java.util.OptionalDouble;

/**
 * What the meter said in its last good answer.
 *
 * @param powerKw    total active power, kW (negative: a few W the other way, at no load)
 * @param importKwh  its import active energy total, kWh, as it reads
 * @param countedKwh the energy it has counted since the bridge first read it, kWh: never backwards, across a reset
 *                   or a replaced meter
 * @param phaseAmps  each phase's current, A, phase 1 first; empty when the meter does not serve them
 */
public record MeterValues(double powerKw, double importKwh, double countedKwh, List<Double> phaseAmps) {

    public MeterValues {
        phaseAmps = List.copyOf(phaseAmps);
    }

    /** Values without phase currents. */
    public MeterValues(double powerKw, double importKwh, double countedKwh) {
        this(powerKw, importKwh, countedKwh, List.of());
    }

    /** The current of its most loaded phase, if it read them. */
    public OptionalDouble highestPhaseAmps() {
        return phaseAmps.stream().mapToDouble(Double::doubleValue).max();
    }
}
