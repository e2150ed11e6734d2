package org.orderly.gateway.core.limit;

/**
 * Per pile, whether its car's draw is on its way up, judged from its last few different readings, for {@link
 * FollowHold}: a car still rising when cut may go on rising to its old offer before it sees the cut.
 *
 * <p>A car is rising while its draw is more than {@link FollowHold#FOLLOWED_WITHIN_A} (rounding) above the lowest of
 * its last {@link #WINDOW} different readings. One step to the next would not do: a car ramping by less than an ampere
 * a reading never steps that much, nor does a fast one caught as it slows. Over the window a ramp of more than a
 * quarter ampere a reading is seen; a slower one rises about the ampere of rounding in the five seconds a car has to
 * follow, where a new draw comes at most once a second (the default control period; a shorter one makes the window
 * shorter in time). A steady car's meter noise of a few tenths, or a taper, stays within the ampere, and once a car
 * stops its newer readings push the older, lower ones out.
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

    /** Pile i's readings at [i * WINDOW, (i + 1) * WINDOW), a ring; {@code newest[i]} the newest's slot. */
    private final double[] readings;
    private final int[] count;
    private final int[] newest;

    DrawTrend(int piles) {
        this.readings = new double[piles * WINDOW];
        this.count = new int[piles];
        this.newest = new int[piles];
    }

    /** Pile {@code i}'s car read {@code drawA} (NaN: not known). */
    void see(int i, double drawA) {
        if (Double.isNaN(drawA) || count[i] > 0 && drawA == back(i, 0)) {
            return;
        }
        if (count[i] > 0 && drawA < highest(i) - FollowHold.FOLLOWED_WITHIN_A) {
            count[i] = 0;
        }
        newest[i] = (newest[i] + 1) % WINDOW;
        readings[i * WINDOW + newest[i]] = drawA;
        count[i] = Math.min(count[i] + 1, WINDOW);
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
        return readings[i * WINDOW + Math.floorMod(newest[i] - k, WINDOW)];
    }
}
