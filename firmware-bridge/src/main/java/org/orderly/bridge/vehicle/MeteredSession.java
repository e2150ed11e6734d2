package org.orderly.bridge.vehicle;

/**
 * What a pile meter says of the session, for a vehicle whose draw is metered rather than modelled.
 *
 * @param sessionEnergyKwh the meter's import energy since the plug-in, kWh
 * @param meterOk          whether the meter's latest answer was good; when not, the energy is its last good value
 */
public record MeteredSession(double sessionEnergyKwh, boolean meterOk) {

    public MeteredSession {
        if (!(sessionEnergyKwh >= 0.0)) {
            throw new IllegalArgumentException("session energy must be >= 0 kWh, got " + sessionEnergyKwh);
        }
    }
}
