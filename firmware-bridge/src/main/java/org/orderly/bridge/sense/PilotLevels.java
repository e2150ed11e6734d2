package org.orderly.bridge.sense;

/** The voltage bands of IEC 61851-1 Annex A that a pile tells the vehicle's state by. */
public final class PilotLevels {

    private PilotLevels() {
    }

    /** What {@code peaks} say: a state in its band, or why not. */
    public static PilotReading classify(PilotPeaks peaks) {
        throw new UnsupportedOperationException("not built yet");
    }

    /** A burst that could not be converted. */
    public static PilotReading unreadable(java.io.IOException failure) {
        throw new UnsupportedOperationException("not built yet");
    }
}
