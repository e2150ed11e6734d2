package org.orderly.gateway.core.limit;

import java.util.List;
import org.orderly.gateway.core.model.Compound;

/**
 * Keeps a cycle from handing out room that a car told to draw less has not let go of yet. A car takes up to five
 * seconds to follow a lower offer (IEC 61851-1), and the Limiter counts a decrease as done in the cycle it is made:
 * the room it frees could go to another pile at once, and for those seconds both cars draw. So while a decreased car
 * may still draw more than it is now offered (its measured draw says so, for at most {@code followSeconds}), it is
 * counted at what it may still draw, and a pile whose increase would fill a node over its room keeps what it had
 * (nothing, if it had less than its minimum). Decreases are never held back; a hold only ever gives less.
 *
 * <p>Pure and deterministic: the time is the caller's, in whole seconds. One instance per policy, called once per
 * cycle.
 */
public final class FollowHold {
    private static final double EPS = 1e-9;
    /** A measured draw within this of an offer has followed it: meters and chargers round. */
    static final double FOLLOWED_WITHIN_A = 1.0;

    private final Compound compound;
    private final long followSeconds;
    /** Per pile, the most it may still draw while it follows a decrease (0: no hold). */
    private final double[] fromA;
    /** Per pile, when its hold ends at the latest. */
    private final long[] until;

    /** @param followSeconds how long a car may take to follow a lower offer; 0 turns the hold off */
    public FollowHold(Compound compound, long followSeconds) {
        if (followSeconds < 0) {
            throw new IllegalArgumentException("a car's follow time must be >= 0 s, got " + followSeconds);
        }
        this.compound = compound;
        this.followSeconds = followSeconds;
        this.fromA = new double[compound.pileCount()];
        this.until = new long[compound.pileCount()];
    }

    /**
     * @param roomKw     the room per node the Limiter was given
     * @param requests   this cycle's requests; their {@code previousA} is what each pile was offered last cycle
     * @param allocation the Limiter's allocation for them
     * @param drawA      per pile, the current it drew in the last cycle (measured)
     * @param nowSeconds this cycle's time
     * @return the allocation, with increases held where a decreased car has not followed yet
     */
    public Allocation apply(double[] roomKw, List<Request> requests, Allocation allocation, double[] drawA,
                            long nowSeconds) {
        if (followSeconds == 0) {
            return allocation;
        }
        double[] amps = allocation.amps().clone();
        boolean[] asked = new boolean[amps.length];
        double[] previous = new double[amps.length];
        for (Request r : requests) {
            asked[r.pileIndex()] = true;
            previous[r.pileIndex()] = r.previousA();
        }
        double[] mayDraw = amps.clone();
        boolean holding = false;
        for (int i = 0; i < amps.length; i++) {
            if (!asked[i]) {
                fromA[i] = 0;  // no car there now: nothing left to follow
                continue;
            }
            if (amps[i] < previous[i] - EPS) {
                fromA[i] = Math.max(fromA[i], previous[i]);
                until[i] = nowSeconds + followSeconds;
            }
            // Ended: the car has had its time, the clock went back (NTP) so its time cannot be told, or it follows.
            if (fromA[i] > 0 && (nowSeconds >= until[i] || nowSeconds < until[i] - followSeconds
                    || drawA[i] <= amps[i] + FOLLOWED_WITHIN_A)) {
                fromA[i] = 0;
            }
            if (fromA[i] > 0) {
                mayDraw[i] = Math.max(amps[i], Math.min(fromA[i], drawA[i] + FOLLOWED_WITHIN_A));
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
            if (amps[i] <= previous[i] + EPS) {
                continue;
            }
            int over = overNode(i, load, roomKw);
            if (over < 0) {
                continue;
            }
            double kept = previous[i] >= compound.pile(i).minCurrentA() - EPS ? previous[i] : 0;
            add(load, i, kept - amps[i]);
            amps[i] = kept;
            limitedBy[i] = over;
        }
        return new Allocation(amps, limitedBy);
    }

    /** Whether pile {@code i} is held now: a car that may still draw more than it is offered. For tests and logs. */
    public boolean following(int pileIndex) {
        return fromA[pileIndex] > 0;
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
