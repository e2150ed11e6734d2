package org.orderly.gateway.app.live;

/**
 * What the households a cycle settled on took off the transformer reading for each pile's draw: the least
 * ({@code heavyKw}, the heavy bound's) and the most ({@code lightKw}, the light bound's, which takes off every step the
 * reading may hold) are known per pile, but the households as last known ({@link HouseholdsBetween}) settle on a total
 * take-off between the two sums, which says nothing of which pile's step it is. So each pile is given as much of what
 * was taken beyond the heavy bound as its own step allows: exact where the households settled on a bound, or where one
 * pile's step makes the difference, and otherwise the most each may have had taken off. What the households hold of a
 * pile's draw (its draw in the reading less this) is then never more than they do hold, and the telemetry's least total
 * now, which takes it off them ({@code flex.leastKw}), errs high, never low. Said for the telemetry; no decision uses it.
 */
final class TakenOffPerPile {
    private TakenOffPerPile() {
    }

    /**
     * @param heavyKw per pile by index, what the heavy bound took off for its draw
     * @param lightKw per pile by index, what the light bound took off (never less than {@code heavyKw})
     * @param takenKw what the settled households took off the reading in all: its total less theirs
     * @return per pile by index, the most the settled households may have taken off for its draw
     */
    static double[] of(double[] heavyKw, double[] lightKw, double takenKw) {
        double heavy = 0;
        double spread = 0;
        for (int i = 0; i < heavyKw.length; i++) {
            heavy += heavyKw[i];
            spread += Math.max(0, lightKw[i] - heavyKw[i]);
        }
        double beyondHeavy = Math.max(0, Math.min(spread, takenKw - heavy));
        double[] out = new double[heavyKw.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = heavyKw[i] + Math.min(Math.max(0, lightKw[i] - heavyKw[i]), beyondHeavy);
        }
        return out;
    }
}
