package org.orderly.gateway.core.policy;

import java.util.Arrays;
import java.util.Comparator;

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
     * take goes to the others (water-filling).
     *
     * @return the extra power for each session, kW
     */
    static double[] share(double headroomKw, double[] takeKw) {
        double[] out = new double[takeKw.length];
        Integer[] order = new Integer[takeKw.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble(i -> takeKw[i]));
        int waiting = 0;
        for (double t : takeKw) {
            if (t > 0) {
                waiting++;
            }
        }
        double left = Math.max(0, headroomKw);
        for (int i : order) {
            if (takeKw[i] <= 0) {
                continue;
            }
            out[i] = Math.min(takeKw[i], left / waiting);
            left -= out[i];
            waiting--;
        }
        return out;
    }
}
