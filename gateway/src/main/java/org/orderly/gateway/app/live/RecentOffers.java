package org.orderly.gateway.app.live;

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

    RecentOffers(int piles) {
        given = new TickedKwRings(piles, KEPT);
    }

    /** Takes in the offer the cycle at {@code at} gave pile {@code i}. */
    void given(int i, Tick at, double offerKw) {
        given.add(i, at.nanos(), offerKw);
    }

    /**
     * The least offer pile {@code i} was given at or after {@code drawn} (ticker nanos): what its car may have followed
     * since a draw measured then. One given at the very tick is kept (it may have been sent after the draw was
     * measured); the one in force before it is left out, as the draw may already hold it. Infinite with none; nothing
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
}
