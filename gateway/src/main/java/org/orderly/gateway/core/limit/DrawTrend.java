package org.orderly.gateway.core.limit;

import java.time.Duration;
import org.orderly.gateway.core.time.Tick;

/**
 * Per pile, whether its car's draw is on its way up, judged from its last few different readings, for {@link
 * FollowHold}: a car still rising when cut may go on rising to its old offer before it sees the cut.
 *
 * <p>A car is rising while its draw is more than {@link FollowHold#FOLLOWED_WITHIN_A} (rounding) above the lowest of
 * its last {@link #WINDOW} different readings that are not older than the bound below. One step to the next would not
 * do: a car ramping by less than an ampere a reading never steps that much, nor does a fast one caught as it slows.
 * Over the window a ramp of more than a quarter ampere a reading is seen; a slower one rises about the ampere of
 * rounding in the five seconds a car has to follow, where a new draw comes at most once a second (the default control
 * period; a shorter one makes the window shorter in time). A steady car's meter noise of a few tenths, or a taper,
 * stays within the ampere, and once a car stops its newer readings push the older, lower ones out.
 *
 * <p>Or time does: a reading leaves the window once the car has drawn something newer for the bound, its follow time
 * (how long it has to follow a cut, 5 s live), whether or not newer readings have come. A car that steps up once and
 * then reads exactly the same (a simulated car, or a meter that rounds) never pushes its lower reading out, since the
 * same reading again says nothing new, and would be rising for good: each cut of its offer would count it at its old
 * offer for the whole follow time, which a further cut starts again, holding other piles back for nothing. A car that
 * has drawn the same for its follow time is not ramping, or ramps so slowly that it rises less than the rounding in the
 * time it has to follow a cut. The bound only takes readings out: at the default one-second cycles the five readings
 * span about the follow time already, and at shorter ones they span less (control.periodMs 100: half a second).
 *
 * <p>A reading more than the rounding below the highest in the window is a car come down: it followed a cut, or paused,
 * or its taper stepped. What it drew before says nothing of a ramp from there, and its window starts again at that
 * reading. Otherwise a car would be judged rising from a reading below its draw of long before (the 0 A it read before
 * it started, which the same reading again never pushes out), however far it has come down since, and its hold would
 * end only with its follow time, which each further cut of its offer starts again.
 *
 * <p>A reading the same as the newest is the same reading again as often as a car that holds still (a pile meter is
 * read round-robin, not every cycle): it says nothing new. Nor does a reading not known. A pile without a car forgets;
 * a hold that ends does not (the trend is the car's, and a car still ramping may be cut again). The windows are
 * allocated once, at construction: nothing is allocated per cycle.
 */
final class DrawTrend {
    /** How many different readings a pile's judgement looks back over, the newest included. */
    static final int WINDOW = 5;

    /** How long after a newer reading came a reading leaves the window, in nanoseconds on the ticker. */
    private final long boundNanos;
    /** Pile i's readings at [i * WINDOW, (i + 1) * WINDOW), a ring; {@code newest[i]} the newest's slot. */
    private final double[] readings;
    /** When each reading was first seen, on the ticker, in the same slots: when the reading before it ended. */
    private final long[] since;
    private final int[] count;
    private final int[] newest;

    /** @param bound how long a car has drawn something newer before an older reading leaves the window */
    DrawTrend(int piles, Duration bound) {
        this.boundNanos = bound.toNanos();
        this.readings = new double[piles * WINDOW];
        this.since = new long[piles * WINDOW];
        this.count = new int[piles];
        this.newest = new int[piles];
    }

    /** Pile {@code i}'s car read {@code drawA} (NaN: not known) at {@code now}. */
    void see(int i, double drawA, Tick now) {
        expire(i, now);
        if (Double.isNaN(drawA) || count[i] > 0 && drawA == back(i, 0)) {
            return;
        }
        if (count[i] > 0 && drawA < highest(i) - FollowHold.FOLLOWED_WITHIN_A) {
            count[i] = 0;
        }
        newest[i] = (newest[i] + 1) % WINDOW;
        readings[i * WINDOW + newest[i]] = drawA;
        since[i * WINDOW + newest[i]] = now.nanos();
        count[i] = Math.min(count[i] + 1, WINDOW);
    }

    /**
     * Takes out of pile {@code i}'s window the readings the car has drawn something newer than for the bound or
     * longer; never the newest. The times grow towards the newest, so these are the oldest.
     */
    private void expire(int i, Tick now) {
        for (int k = 1; k < count[i]; k++) {
            // Reading k ended when reading k - 1 came; a difference of ticks, right where the count wraps.
            if (now.nanos() - since[slot(i, k - 1)] >= boundNanos) {
                count[i] = k;
                return;
            }
        }
    }

    /** Pile {@code i} has no car: the next car's trend starts afresh. */
    void forget(int i) {
        count[i] = 0;
    }

    /** Whether pile {@code i}'s car's newest reading is more than the rounding above the lowest in its window. */
    boolean rising(int i) {
        if (count[i] < 2) {
            return false;
        }
        double lowest = back(i, 0);
        for (int k = 1; k < count[i]; k++) {
            lowest = Math.min(lowest, back(i, k));
        }
        return back(i, 0) > lowest + FollowHold.FOLLOWED_WITHIN_A;
    }

    /**
     * Whether pile {@code i}'s car has come to {@code offerA} and stopped there, rising or not: its newest reading is
     * within the rounding of the offer, no more than the rounding and no more than half as far above the reading
     * before as that was above the one before it, which rose more than the rounding. A car that jumps to its new offer
     * and then all but stops has seen the offer; a car ramping at its own pace, however slowly, passes through it
     * without braking there, and a car that slows on its own below its new offer is not at it.
     */
    boolean stoppedAt(int i, double offerA) {
        if (count[i] < 3) {
            return false;
        }
        double now = back(i, 0);
        double step = now - back(i, 1);
        double stepBefore = back(i, 1) - back(i, 2);
        return Math.abs(now - offerA) <= FollowHold.FOLLOWED_WITHIN_A
                && stepBefore > FollowHold.FOLLOWED_WITHIN_A
                && step <= FollowHold.FOLLOWED_WITHIN_A
                && step <= stepBefore / 2;
    }

    /** The highest reading in pile {@code i}'s window; {@code count[i] > 0}. */
    private double highest(int i) {
        double highest = back(i, 0);
        for (int k = 1; k < count[i]; k++) {
            highest = Math.max(highest, back(i, k));
        }
        return highest;
    }

    /** Pile {@code i}'s {@code k}-th newest different reading (0: the newest); {@code k < count[i]}. */
    private double back(int i, int k) {
        return readings[slot(i, k)];
    }

    /** The slot of pile {@code i}'s {@code k}-th newest different reading. */
    private int slot(int i, int k) {
        return i * WINDOW + Math.floorMod(newest[i] - k, WINDOW);
    }
}
