package org.orderly.gateway.core.limit;

import java.time.Duration;
import org.orderly.gateway.core.time.Tick;

/**
 * Per pile, whether its car's draw is on its way up, judged from its different readings of the last few seconds, for
 * {@link FollowHold}: a car still rising when cut may go on rising to its old offer before it sees the cut.
 *
 * <p>A car is rising while its draw is more than {@link FollowHold#FOLLOWED_WITHIN_A} (rounding) above the lowest of
 * its different readings in the window: the newest, and each one the car drew something newer than for less than the
 * bound, its follow time (how long it has to follow a cut, 5 s live). One step to the next would not do: a car ramping
 * by less than an ampere a reading never steps that much, nor does a fast one caught as it slows. Over the window a
 * ramp of more than the rounding in the follow time is seen (0.2 A a second live), however often the cycle reads: a
 * window of a number of readings would span less time at shorter control periods, and at {@code control.periodMs} 100
 * five readings of a car ramping an ampere a second span 0.4 A. A steady car's meter noise of a few tenths, or a taper,
 * stays within the ampere, and once a car stops its newer readings push the older, lower ones out.
 *
 * <p>Time pushes them out too, whether or not newer readings come. A car that steps up once and then reads exactly the
 * same (a simulated car, or a meter that rounds) never pushes its lower reading out, since the same reading again says
 * nothing new: a car that has drawn the same for its follow time is not ramping, or ramps so slowly that it rises less
 * than the rounding in the time it has to follow a cut. Otherwise it would be rising for good: each cut of its offer
 * would count it at its old offer for the whole follow time, which a further cut starts again, holding other piles
 * back for nothing.
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
 * allocated once, at construction, with room for a new reading every {@link #SHORTEST_READING_INTERVAL} over the follow
 * time: nothing is allocated per cycle. A window that is full (readings coming faster than that) loses its oldest.
 */
final class DrawTrend {
    /**
     * The shortest time between two of a pile's readings the windows have room for over the follow time: the shortest
     * control period the configuration allows ({@code control.periodMs} 100), since a car's reading changes at most
     * once a cycle.
     */
    static final Duration SHORTEST_READING_INTERVAL = Duration.ofMillis(100);

    /** How long after a newer reading came a reading leaves the window, in nanoseconds on the ticker. */
    private final long boundNanos;
    /** How many readings each pile's window holds at most. */
    private final int slots;
    /** Pile i's readings at [i * slots, (i + 1) * slots), a ring; {@code newest[i]} the newest's slot. */
    private final double[] readings;
    /** When each reading was first seen, on the ticker, in the same slots: when the reading before it ended. */
    private final long[] since;
    private final int[] count;
    private final int[] newest;

    /** @param bound how long a car has drawn something newer before an older reading leaves the window */
    DrawTrend(int piles, Duration bound) {
        this.boundNanos = bound.toNanos();
        // The newest, one for each interval of the bound (each ended less than the bound ago), and one for a late cycle.
        this.slots = (int) Math.min(bound.dividedBy(SHORTEST_READING_INTERVAL) + 2, 1_000);
        this.readings = new double[piles * slots];
        this.since = new long[piles * slots];
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
        newest[i] = (newest[i] + 1) % slots;
        readings[i * slots + newest[i]] = drawA;
        since[i * slots + newest[i]] = now.nanos();
        count[i] = Math.min(count[i] + 1, slots);
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
        return i * slots + Math.floorMod(newest[i] - k, slots);
    }
}
