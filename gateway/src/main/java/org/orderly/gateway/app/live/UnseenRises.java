package org.orderly.gateway.app.live;

import java.time.Duration;
import java.util.Arrays;
import org.orderly.gateway.core.limit.FollowHold;
import org.orderly.gateway.core.time.Tick;

/**
 * The raises a car may have followed before its pile said so: a meter read after a pile was given more, and after the
 * pile's latest report, may hold the car's rise that no report has told of yet, and then the households look heavier by
 * it. On a line with little more room than the rise, that cut the pile that rose, it was given its room again the next
 * cycle, rose again, and was cut again, every other cycle for as long as the meter's and the piles' polls kept the same
 * order (LineLimitLiveTest's rig, logged cycle by cycle, 2026-12-02). While a raise is open this says how far the car
 * may have risen: what it drew when raised, plus the raise, never past its offer. A rise closes when the car reports
 * drawing within
 * {@link FollowHold#FOLLOWED_WITHIN_A} of that, when it is cut to no more than what it drew, or after the time a car may
 * take to follow an offer. Pure: told each cycle, at its start, the offers in force and the draws last reported.
 */
final class UnseenRises {
    private static final double EPS = 1e-9;

    private final Duration follow;
    /** Per pile, the offer in force at the last cycle, and when that cycle ran. */
    private final double[] wasOfferedA;
    private Tick lastCycle;
    /** Per pile, how far an open rise may reach (NaN: none open), and when it began: it ends a follow time after. */
    private final double[] reachA;
    private final Tick[] raisedAt;

    /** @param follow how long a car may take to follow a higher offer; zero: no rise is ever open */
    UnseenRises(int piles, Duration follow) {
        this.follow = follow;
        this.wasOfferedA = new double[piles];
        this.reachA = new double[piles];
        Arrays.fill(reachA, Double.NaN);
        this.raisedAt = new Tick[piles];
    }

    /**
     * The start of a cycle. An offer higher than at the last cycle is a raise made by that cycle: it opens (or widens) a
     * rise from the car's last reported draw.
     *
     * @param offeredA per pile, the current the last cycle allowed: the offer in force
     * @param drawA    per pile, the current its car drew as last reported; NaN where that is not known
     * @param now      this cycle's time on the gateway's ticker
     */
    void see(double[] offeredA, double[] drawA, Tick now) {
        for (int i = 0; i < reachA.length; i++) {
            double raise = offeredA[i] - wasOfferedA[i];
            double drew = drawA[i];
            wasOfferedA[i] = offeredA[i];
            if (Double.isNaN(drew)) {
                // A pile that does not say what its car draws has none of its draw taken off a reading (its car may
                // draw its old offer, FollowHold): no report can tell of its rise, and none is taken for it.
                reachA[i] = Double.NaN;
                continue;
            }
            if (raise > EPS && lastCycle != null && follow.compareTo(Duration.ZERO) > 0) {
                reachA[i] = Math.min(offeredA[i], (isOpen(i) ? reachA[i] : drew) + raise);
                raisedAt[i] = lastCycle;
            } else if (isOpen(i)) {
                reachA[i] = Math.min(reachA[i], offeredA[i]);
            }
            if (isOpen(i) && (!now.isBefore(raisedAt[i].plus(follow)) || drew >= reachA[i] - FollowHold.FOLLOWED_WITHIN_A)) {
                reachA[i] = Double.NaN;
            }
        }
        lastCycle = now;
    }

    /**
     * The most pile {@code i}'s car may have drawn when a meter was read at {@code reading}, by an open rise: NaN when
     * none is open or the reading was taken before the raise (the latest, where one widened it: a reading between
     * them is then taken to hold no rise at all, which errs toward less room).
     */
    double mayHaveReachedA(int i, Tick reading) {
        return isOpen(i) && raisedAt[i].isBefore(reading) ? reachA[i] : Double.NaN;
    }

    private boolean isOpen(int i) {
        return !Double.isNaN(reachA[i]);
    }
}
