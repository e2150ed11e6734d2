package org.orderly.gateway.core.policy;

import java.util.Arrays;
import org.orderly.gateway.core.session.PastSession;

/**
 * What the policy knows of each pile's car before a new vehicle's first draw shows its own limit. A pile is its
 * resident's, and so mostly is the car: the next vehicle is planned as the one the pile last charged. With no such
 * memory (a new gateway, or one restarted) it is planned at least as fast as the pile's past stays of an hour or
 * more drew on average (energy over stay): a resident who once took 19 kWh in three hours has a car of 6.3 kW at
 * least. Never slower than the slowest charger in common use, so that a slow car is not left short by a plan that
 * believed it fast, nor a fast one planned slower than any car is.
 */
final class PileCars {
    /** The slowest on-board charger in common use (single-phase 16 A). */
    static final double SLOWEST_KW = 3.3;
    /** A stay under an hour says little: a meter's lag or rounding weighs too much in it. */
    private static final double MIN_STAY_HOURS = 1.0;

    /** Per pile, the charger limit of its last vehicle, or NaN. */
    private final double[] lastCarKw;
    /** Per pile, the highest mean power of its past stays of an hour or more, or 0. */
    private final double[] pastMeanKw;

    PileCars(int piles) {
        this.lastCarKw = new double[piles];
        Arrays.fill(lastCarKw, Double.NaN);
        this.pastMeanKw = new double[piles];
    }

    /** A session on the pile ended (live, or in the history read at start). */
    void remember(PastSession past) {
        // A stay whose energy is not known (its pile counts none) tells nothing of its car's power.
        if (past.hours() >= MIN_STAY_HOURS && Double.isFinite(past.energyKWh())) {
            int pile = past.pileIndex();
            pastMeanKw[pile] = Math.max(pastMeanKw[pile], past.energyKWh() / past.hours());
        }
    }

    /** The vehicle that just left {@code pile} showed this charger limit. */
    void lastCar(int pile, double kw) {
        lastCarKw[pile] = kw;
    }

    /** The power to plan a vehicle on {@code pile} at until its first draw (before the pile's own limits). */
    double assumedKw(int pile) {
        double last = lastCarKw[pile];
        return Double.isNaN(last) ? Math.max(SLOWEST_KW, pastMeanKw[pile]) : Math.max(SLOWEST_KW, last);
    }
}
