package org.orderly.gateway.app.live;

import java.time.Instant;

/**
 * What a pile last reported: whether a vehicle is plugged in (IEC 61851 state B or C), the power
 * it draws, the energy its meter has counted for the current session, and when this was read.
 * {@code reported} is false for a pile not heard from since the gateway started: it then counts as unplugged and
 * drawing nothing, but says nothing of a session the gateway had open on it before it stopped.
 */
public record PileObservation(int pileIndex, boolean plugged, double powerKw, double sessionEnergyKWh,
                              Instant readAt, boolean reported) {

    /** What a pile reported. */
    public PileObservation(int pileIndex, boolean plugged, double powerKw, double sessionEnergyKWh, Instant readAt) {
        this(pileIndex, plugged, powerKw, sessionEnergyKWh, readAt, true);
    }

    /** A pile not heard from yet, at {@code now}. */
    public static PileObservation notReported(int pileIndex, Instant now) {
        return new PileObservation(pileIndex, false, 0, 0, now, false);
    }
}
