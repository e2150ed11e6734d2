package org.orderly.bridge.meter;

/** The energy a meter has counted since the bridge first read it (stub). */
final class EnergyCount {

    /** What a total read makes of the count. */
    sealed interface Outcome {
    }

    /** Taken: the count is {@code countedKwh}. */
    record Counted(double countedKwh) implements Outcome {
    }

    /** Below the last total taken: not taken. */
    record Backwards(double fromKwh, double toKwh) implements Outcome {
    }

    /** A lower total held: counted on from it. */
    record Rebased(double countedKwh, double fromKwh, double toKwh) implements Outcome {
    }

    Outcome take(double importKwh) {
        throw new UnsupportedOperationException("not yet");
    }
}
