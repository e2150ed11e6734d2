package org.orderly.gateway.core.limit;

import java.time.Duration;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.time.Tick;

/**
 * Keeps a cycle from handing out room that a car told to draw less has not let go of yet. A car takes up to five
 * seconds to follow a lower offer (IEC 61851-1), and the Limiter counts a decrease as done in the cycle it is made:
 * the room it frees could go to another pile at once, and for those seconds both cars draw. So while a decreased car
 * may still draw more than it is now offered (its measured draw says so, for at most the follow time), it is
 * counted at what it may still draw, and a pile whose increase would fill a node over its room keeps what it had
 * (nothing, if it had less than its minimum). A draw that is not known (the pile does not say) tells nothing: such a
 * car may still draw its old offer until its follow time is over. Nor does the draw of a car still rising (one still
 * ramping up to its old offer when cut, however slowly; {@link DrawTrend}): it may go on rising to its old offer
 * before it sees the cut, and a draw within its new offer on the way up is not a car that has followed, unless it has
 * come to that offer and stopped there. Decreases are never held back; a hold only ever gives less.
 *
 * <p>Whatever decided the allocation (the policy, or the live cycle's own sharing while it runs without it), the
 * previous offer is what the cycle last allowed. The time is a monotonic {@link Tick}: a step of the wall clock
 * neither ends nor lengthens a hold. Pure and deterministic; one instance per control cycle, told each cycle first
 * what it sees ({@link #see}), then given the cycle's allocation ({@link #apply}).
 */
public final class FollowHold {
    private static final double EPS = 1e-9;
    /** A measured draw within this of an offer has followed it: meters and chargers round. */
    public static final double FOLLOWED_WITHIN_A = 1.0;

    private final Compound compound;
    private final Duration follow;
    /** Per pile, the most it may still draw while it follows a decrease (0: no hold). */
    private final double[] fromA;
    /** Per pile, when its hold ends at the latest. */
    private final Tick[] until;
    /** This cycle's: which piles have a car, what each was last allowed, what each drew, and when. */
    private final boolean[] car;
    private final double[] offeredA;
    private final double[] drawA;
    /** Per pile, whether its car's draw is on its way up. */
    private final DrawTrend trend;
    private Tick now;

    /** @param follow how long a car may take to follow a lower offer; zero turns the hold off */
    public FollowHold(Compound compound, Duration follow) {
        if (follow.isNegative()) {
            throw new IllegalArgumentException("a car's follow time must be >= 0 s, got " + follow);
        }
        this.compound = compound;
        this.follow = follow;
        int n = compound.pileCount();
        this.fromA = new double[n];
        this.until = new Tick[n];
        this.car = new boolean[n];
        this.offeredA = new double[n];
        this.drawA = new double[n];
        // A car that has drawn the same for as long as it has to follow a cut is not ramping (DrawTrend).
        this.trend = new DrawTrend(n, follow);
    }

    /**
     * The start of a cycle: ends the holds that are over (the car is gone, has had its time, or draws within a whole
     * ampere of the offer in force and is not rising, or has come to that offer and stopped there).
     *
     * @param car      per pile, whether a car is plugged in and heard from
     * @param offeredA per pile, the current the cycle last allowed: the offer in force
     * @param drawA    per pile, the current its car drew, as last measured; NaN where that is not known
     * @param now      this cycle's time on the gateway's ticker
     */
    public void see(boolean[] car, double[] offeredA, double[] drawA, Tick now) {
        System.arraycopy(car, 0, this.car, 0, this.car.length);
        System.arraycopy(offeredA, 0, this.offeredA, 0, this.offeredA.length);
        System.arraycopy(drawA, 0, this.drawA, 0, this.drawA.length);
        this.now = now;
        for (int i = 0; i < fromA.length; i++) {
            if (car[i]) {
                trend.see(i, drawA[i], now);
            } else {
                trend.forget(i);
            }
            if (fromA[i] > 0 && (!car[i] || !now.isBefore(until[i]) || followed(i, offeredA[i]))) {
                fromA[i] = 0;
            }
        }
    }

    /**
     * @param roomKw     the room per node the allocation was made in
     * @param allocation this cycle's allocation
     * @return the allocation, with increases held where a decreased car has not followed yet
     */
    public Allocation apply(double[] roomKw, Allocation allocation) {
        if (follow.isZero()) {
            return allocation;
        }
        double[] amps = allocation.amps().clone();
        double[] mayDraw = amps.clone();
        boolean holding = false;
        for (int i = 0; i < amps.length; i++) {
            if (!car[i]) {
                continue;
            }
            if (amps[i] < offeredA[i] - EPS) {
                fromA[i] = Math.max(fromA[i], offeredA[i]);
                until[i] = now.plus(follow);
            }
            if (fromA[i] > 0) {
                mayDraw[i] = Math.max(amps[i], heldA(i));
                holding |= mayDraw[i] > amps[i] + EPS;
            }
        }
        if (!holding) {
            return allocation;
        }
        double[] load = new double[roomKw.length];
        for (int i = 0; i < amps.length; i++) {
            add(load, i, mayDraw[i]);
        }
        int[] limitedBy = allocation.limitedBy().clone();
        for (int i = 0; i < amps.length; i++) {
            if (amps[i] <= offeredA[i] + EPS) {
                continue;
            }
            int over = overNode(i, load, roomKw);
            if (over < 0) {
                continue;
            }
            double kept = offeredA[i] >= compound.pile(i).minCurrentA() - EPS ? offeredA[i] : 0;
            // Counted at what it may still draw, if more than what it keeps: a held car kept from rising.
            double counted = fromA[i] > 0 ? Math.max(kept, heldA(i)) : kept;
            add(load, i, counted - mayDraw[i]);
            mayDraw[i] = counted;
            amps[i] = kept;
            limitedBy[i] = over;
        }
        return new Allocation(amps, limitedBy);
    }

    /**
     * After {@link #see}: the most pile {@code i}'s car may draw now, at least the offer in force. The live cycle takes
     * each pile's draw off the meter's total up to this much: a held car's draw is counted here, at what it may still
     * draw, and would be counted twice if its draw above its new offer were the households' too. Until the cycle's
     * {@link #apply}, which counts it at no less, keeps that.
     */
    public double mayDrawA(int pileIndex) {
        return fromA[pileIndex] > 0 ? Math.max(offeredA[pileIndex], heldA(pileIndex)) : offeredA[pileIndex];
    }

    /** Whether pile {@code i} is held now: a car that may still draw more than it is offered. For tests and logs. */
    public boolean following(int pileIndex) {
        return fromA[pileIndex] > 0;
    }

    /**
     * What a held car may still draw: what it drew and a whole ampere of rounding, never more than its old offer; its
     * old offer when its draw is not known or it is rising.
     */
    private double heldA(int i) {
        return Double.isNaN(drawA[i]) || trend.rising(i) ? fromA[i] : Math.min(fromA[i], drawA[i] + FOLLOWED_WITHIN_A);
    }

    /**
     * Whether pile {@code i}'s car is seen to draw within a whole ampere of {@code offerA}, or less, and either not
     * rising or come to that offer and stopped there (NaN: not seen).
     */
    private boolean followed(int i, double offerA) {
        return drawA[i] <= offerA + FOLLOWED_WITHIN_A && (!trend.rising(i) || trend.stoppedAt(i, offerA));
    }

    private void add(double[] load, int pileIndex, double amps) {
        double kw = compound.kw(pileIndex, amps);
        int[] path = compound.pileNodes(pileIndex);
        double[] weight = compound.pileWeights(pileIndex);
        for (int k = 0; k < path.length; k++) {
            load[path[k]] += kw * weight[k];
        }
    }

    /** The first node on the pile's path loaded over its room, or -1. A room that is not a number is none. */
    private int overNode(int pileIndex, double[] load, double[] roomKw) {
        for (int n : compound.pileNodes(pileIndex)) {
            double room = Double.isNaN(roomKw[n]) ? 0 : roomKw[n];
            if (load[n] > room + 1e-7) {
                return n;
            }
        }
        return -1;
    }
}
