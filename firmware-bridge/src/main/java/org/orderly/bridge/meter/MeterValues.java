package org.orderly.bridge.meter;

/**
 * What the meter said in its last good answer.
 *
 * @param powerKw    total active power, kW (negative: a few W the other way, at no load)
 * @param importKwh  its import active energy total, kWh, as it reads
 * @param countedKwh the energy it has counted since the bridge first read it, kWh: never backwards, across a reset
 *                   or a replaced meter
 */
public record MeterValues(double powerKw, double importKwh, double countedKwh) {
}
