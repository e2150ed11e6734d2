package org.orderly.gateway.upstream.telemetry;

/**
 * The least total the gateway could bring the compound to now ({@code flex.leastKw}, a cap reply's {@code leastKw}):
 * the households as the cycle took them off its reading ({@code baseKw}), and what the piles heard from draw now that
 * no offer sheds. A pile that follows its offer is taken to nothing (a 0 A offer pauses it). One that does not follow is
 * taken at its whole draw now: the cycle's households hold the part of its draw in the reading above what it may draw,
 * which is taken off them here, so that its draw is counted once, as it is now, whether it began, rose or ended after
 * the reading. Until 2026-12-07 the least total was {@code transformerKw - flex.shedKw}, of the reading's moment, which
 * may be up to a stale reading's age older than the piles' reports: a car not following its offer that began to draw
 * after the reading was left out ({@code meetable: true} for a cap the cycle could not meet), and cars the cycle cut
 * since the reading were counted as they drew in it ({@code meetable: false} for a cap it met by pausing them).
 * What the households hold of a following car stays in them (the ampere it may draw above its offer; all of a car
 * that did not follow in the reading and draws nothing since, until a reading holds its stop, since a cut car followed
 * since the reading is taken off whole and the two are not told apart here): the least total errs high by it, never
 * low.
 */
final class LeastTotal {
    /** What the households hold of the non-following piles' draws in the reading: each above what it may draw. */
    private double inTheHouseholdsKw;
    /** What the piles that do not follow draw now. */
    private double notShedKw;

    /**
     * One pile heard from.
     *
     * @param thenKw  what the reading held of its draw, as the cycle took it ({@code CycleResult#drawInTheReadingKw})
     * @param nowKw   what it draws now
     * @param mayKw   the most the cycle took it to draw when it took the households off the reading
     * @param follows whether it follows its offer, so that a lower offer takes its draw off
     */
    void add(double thenKw, double nowKw, double mayKw, boolean follows) {
        if (!follows) {
            inTheHouseholdsKw += Math.max(0, thenKw - mayKw);
            notShedKw += nowKw;
        }
    }

    /** The least total now, given the households {@code baseKw} the cycle took off the reading; never below 0. */
    double kw(double baseKw) {
        return Math.max(0, baseKw - inTheHouseholdsKw + notShedKw);
    }
}
