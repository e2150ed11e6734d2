package org.orderly.gateway.upstream.telemetry;

/**
 * The least total the gateway could bring the compound to now ({@code flex.leastKw}, a cap reply's {@code leastKw}):
 * the households as the cycle took them off its reading ({@code baseKw}), and what the piles heard from draw now that
 * no offer sheds. A pile that follows its offer is taken to nothing (a 0 A offer pauses it). One that does not follow is
 * taken at its whole draw now: the cycle's households hold the part of its draw in the reading that the cycle did not
 * take off, which is taken off them here, so that its draw is counted once, as it is now, whether it began, rose or
 * ended after the reading. Until 2026-12-07 the least total was {@code transformerKw - flex.shedKw}, of the reading's
 * moment, which may be up to a stale reading's age older than the piles' reports: a car not following its offer that
 * began to draw after the reading was left out ({@code meetable: true} for a cap the cycle could not meet), and cars the
 * cycle cut since the reading were counted as they drew in it ({@code meetable: false} for a cap it met by pausing them).
 * What the households hold of a pile is what the cycle says it took off for it ({@code CycleResult#inTheHouseholdsKw});
 * on 2026-12-07 it was taken as the pile's draw in the reading above what it may draw, which the households hold only
 * where the cycle settled on the heavy bound: where it settled on the light bound (the households rose by more than the
 * pile's excess, its step reported after the reading), which takes the pile's whole draw in the reading off, the excess
 * was taken off a second time and the least total was low ({@code TelemetryCalculatorLeastFromTheCycleTest}).
 * What the households hold of a following car stays in them (the ampere it may draw above its offer; all of a car
 * that did not follow in the reading and draws nothing since, until a reading holds its stop, since a cut car followed
 * since the reading is taken off whole and the two are not told apart here): the least total errs high by it, never
 * low. The households cannot hold more than they are: what is taken off them is at most {@code baseKw}.
 */
final class LeastTotal {
    /** What the households hold of the non-following piles' draws in the reading. */
    private double inTheHouseholdsKw;
    /** What the piles that do not follow draw now. */
    private double notShedKw;

    /**
     * One pile heard from.
     *
     * @param heldKw  what the cycle's households hold of its draw in the reading ({@code CycleResult#inTheHouseholdsKw})
     * @param nowKw   what it draws now
     * @param follows whether it follows its offer, so that a lower offer takes its draw off
     */
    void add(double heldKw, double nowKw, boolean follows) {
        if (!follows) {
            inTheHouseholdsKw += heldKw;
            notShedKw += nowKw;
        }
    }

    /** The least total now, given the households {@code baseKw} the cycle took off the reading; never below 0. */
    double kw(double baseKw) {
        return Math.max(0, baseKw - Math.min(baseKw, inTheHouseholdsKw) + notShedKw);
    }
}
