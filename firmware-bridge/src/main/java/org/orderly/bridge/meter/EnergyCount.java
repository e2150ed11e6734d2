package org.orderly.bridge.meter;

/**
 * The energy a meter has counted since the bridge first read it, from its import totals: a count that never goes
 * backwards, so that a session's energy is the count now minus the count at its plug-in.
 *
 * <p>A total below the last one taken is not taken. One such total alone is a bad read, and the count goes on from the
 * last total taken. A lower total that holds at the next read (it, or more) is a meter reset or replaced: the count
 * goes on from the first lower total, keeping what it had counted. Not thread-safe: the meter's thread owns it.
 */
final class EnergyCount {

    /** What a total read makes of the count. */
    sealed interface Outcome {
    }

    /** Taken: the count is {@code countedKwh}. */
    record Counted(double countedKwh) implements Outcome {
    }

    /** {@code toKwh} is below {@code fromKwh}, the last total taken: not taken. */
    record Backwards(double fromKwh, double toKwh) implements Outcome {
    }

    /** A lower total held: counted on from it, {@code toKwh} is the new last total; the count is {@code countedKwh}. */
    record Rebased(double countedKwh, double fromKwh, double toKwh) implements Outcome {
    }

    private boolean started;
    private double lastKwh;
    private double countedKwh;
    /** The lower total last refused, while the next read may confirm it. */
    private Double lowerKwh;

    /** Takes {@code importKwh}, a finite total >= 0, or refuses it. */
    Outcome take(double importKwh) {
        if (!started) {
            started = true;
            lastKwh = importKwh;
            return new Counted(countedKwh);
        }
        if (importKwh >= lastKwh) {
            countedKwh += importKwh - lastKwh;
            lastKwh = importKwh;
            lowerKwh = null;
            return new Counted(countedKwh);
        }
        if (lowerKwh != null && importKwh >= lowerKwh) {
            double from = lastKwh;
            countedKwh += importKwh - lowerKwh;
            lastKwh = importKwh;
            lowerKwh = null;
            return new Rebased(countedKwh, from, importKwh);
        }
        lowerKwh = importKwh;
        return new Backwards(lastKwh, importKwh);
    }
}
