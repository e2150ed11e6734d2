package org.orderly.gateway.app.live;

import java.time.Duration;
import org.orderly.gateway.core.time.Tick;

/**
 * Each pile's latest offers (in kW), with the tick of the cycle that gave them: so that a report of a draw measured
 * before a cut is not taken to say the car never followed it. A report may come a bridge's report interval or a bus
 * meter's round after its draw was measured; the offers given since that draw, not since the report came, are what
 * the car may have followed (until 2026-12-07 a report reset the least offer since to none whatever its draw's age).
 */
final class RecentOffers {
    /** Offers kept per pile, one a cycle: a draw older than all of them finds the least unknown, and gets nothing. */
    static final int KEPT = 64;

    private final TickedKwRings given;
    /** How long a car may take to follow a lower offer: a draw measured within it of a cut does not show the car's answer. */
    private final long followNanos;

    RecentOffers(int piles, Duration follow) {
        given = new TickedKwRings(piles, KEPT);
        followNanos = follow.toNanos();
    }

    /** Takes in the offer the cycle at {@code at} gave pile {@code i}. */
    void given(int i, Tick at, double offerKw) {
        given.add(i, at.nanos(), offerKw);
    }

    /**
     * The least offer pile {@code i} was given at or after {@code drawn} (ticker nanos): what its car may have followed
     * since a draw measured then. One given at the very tick is kept (it may have been sent after the draw was
     * measured); the one in force before it is left out here ({@link #leastCutBefore}). Infinite with none; nothing
     * (0) where offers since then were dropped from the ring, as they may have been less.
     */
    double leastSince(int i, long drawn) {
        double least = Double.POSITIVE_INFINITY;
        boolean reachesBack = !given.full(i);
        for (int k = 0; k < given.count(i); k++) {
            // A difference of ticks: right where the count wraps.
            if (given.at(i, k) - drawn >= 0) {
                least = Math.min(least, given.kw(i, k));
            } else {
                reachesBack = true;
            }
        }
        return reachesBack ? least : 0;
    }

    /**
     * The least cut (an offer below the one before it) pile {@code i} was given less than a car's time to follow before
     * {@code drawn} (ticker nanos): one the draw need not hold yet, as the car may answer it only after, and a reading
     * after the draw may hold the car at it. A fresh report of the old draw between a cut and the car's answer does not
     * say the car will not follow (until 2026-12-07 such a cut was left out, and raised again the car was taken to draw
     * its old draw in a reading that held the cut: read60d's probe A). A cut longer before is left out, as the draw
     * holds the car's answer: a car steadily above its offer is not taken to follow it. The oldest offer kept is no
     * cut, as what came before it is not known (a restart's first offers were none the car saw). Infinite with none.
     * Nothing (0) where offers given less than the time to follow before the draw were dropped from the ring (full, its
     * oldest that recent: cycles catching up after a stall), as they may have been cuts, as {@link #leastSince} says
     * (until 2026-12-07 infinite there: the dropped cuts were taken for none).
     */
    double leastCutBefore(int i, long drawn) {
        if (followNanos > 0 && given.full(i) && drawn - given.at(i, given.slotFromOldest(i, 0)) < followNanos) {
            return 0;
        }
        double least = Double.POSITIVE_INFINITY;
        double before = Double.NEGATIVE_INFINITY;
        for (int nth = 0; nth < given.count(i); nth++) {
            int k = given.slotFromOldest(i, nth);
            double kw = given.kw(i, k);
            // A difference of ticks: right where the count wraps.
            long beforeDraw = drawn - given.at(i, k);
            if (beforeDraw > 0 && beforeDraw < followNanos && kw < before) {
                least = Math.min(least, kw);
            }
            before = kw;
        }
        return least;
    }
}
