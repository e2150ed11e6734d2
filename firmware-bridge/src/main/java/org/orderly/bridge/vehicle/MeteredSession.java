package org.orderly.bridge.vehicle;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * What a pile meter says of the session, for a vehicle whose draw is metered rather than modelled.
 *
 * @param sessionEnergyKwh the meter's import energy since the plug-in, kWh
 * @param meterOk          whether the meter's latest answer was good; when not, the energy is its last good value
 * @param highestPhaseAmps the current of the most loaded phase as the meter's latest good answer read it, while the
 *                         car charges (state C) and the meter answers well; empty otherwise, or when the meter does
 *                         not serve phase currents
 */
public record MeteredSession(double sessionEnergyKwh, boolean meterOk, OptionalDouble highestPhaseAmps) {

    public MeteredSession {
        Objects.requireNonNull(highestPhaseAmps, "highestPhaseAmps");
        if (!(sessionEnergyKwh >= 0.0)) {
            throw new IllegalArgumentException("session energy must be >= 0 kWh, got " + sessionEnergyKwh);
        }
    }
}
