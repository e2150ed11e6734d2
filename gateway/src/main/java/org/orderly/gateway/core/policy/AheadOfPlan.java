package org.orderly.gateway.core.policy;

import java.util.Arrays;

/**
 * Lets vehicles draw ahead of the plan, at the same price, into room the plan leaves below its own
 * peak for the current price period.
 *
 * <p>A kWh planned for later in the period costs the same now, and drawn now it is not lost if the
 * vehicle leaves earlier than believed, nor crowded out by vehicles that arrive meanwhile. Rising
 * only to the period's planned peak keeps the load as flat as the plan made it.
 */
final class AheadOfPlan {
    private AheadOfPlan() {
    }

    /**
     * Shares {@code headroomKw} among sessions that could each take {@code takeKw[i]} more (0 for a
     * session with nothing planned later in the period): equal shares, and what a session cannot
     * take goes to the others (water-filling). Each gets {@code min(takeKw[i], level)}, the level
     * being the one at which the shares add up to the headroom.
     *
     * @return the extra power for each session, kW
     */
    static double[] share(double headroomKw, double[] takeKw) {
        double[] sorted = takeKw.clone();
        Arrays.sort(sorted);
        double left = Math.max(0, headroomKw);
        double level = Double.POSITIVE_INFINITY;
        for (int i = 0; i < sorted.length; i++) {
            if (sorted[i] <= 0) {
                continue;
            }
            double even = left / (sorted.length - i);
            if (sorted[i] > even) {
                level = even;
                break;
            }
            left -= sorted[i];
        }
        double[] out = new double[takeKw.length];
        for (int i = 0; i < takeKw.length; i++) {
            out[i] = Math.max(0, Math.min(takeKw[i], level));
        }
        return out;
    }
}
