package org.orderly.gateway.core.limit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.Pile;

/**
 * Fits what the piles should draw into the live room of every node, this cycle.
 *
 * <p>Two passes. First, in order of urgency (least laxity first, never arrival order, a pile drawing ahead of a waiting
 * one of like laxity: {@link Urgency}), each pile
 * that asks to charge is granted its minimum current if every node on its path still has room for
 * it; otherwise it pauses: a pile is never offered less than its minimum. Second, the granted
 * piles are raised together towards what they asked (progressive filling, so the result is max-min
 * fair in amperes) until they have it or a node on their path is full. Then the same two passes
 * run again for the extra some piles would take, in the room that is left. Increases can be
 * ramped; decreases always apply at once. Amperes are rounded down to {@code resolutionA}. A pile that does not say its
 * car's draw takes room twice for what it is given above its offer in force ({@link SilentOffers}), in both passes.
 */
public final class Limiter {
    private static final double EPS = 1e-9;

    private final Compound compound;
    private final double rampUpAmpsPerCycle;
    private final double resolutionA;

    /**
     * @param rampUpAmpsPerCycle largest increase per cycle above the minimum; infinity for none
     * @param resolutionA        the setpoint step piles accept (0.1 A, say)
     */
    public Limiter(Compound compound, double rampUpAmpsPerCycle, double resolutionA) {
        if (!(rampUpAmpsPerCycle > 0) || !(resolutionA > 0)) {
            throw new IllegalArgumentException("ramp and resolution must be > 0");
        }
        this.compound = compound;
        this.rampUpAmpsPerCycle = rampUpAmpsPerCycle;
        this.resolutionA = resolutionA;
    }

    /**
     * @param roomKw   live room per node in kW (see {@link Compound#room}); not modified
     * @param requests at most one per pile
     */
    public Allocation limit(double[] roomKw, List<Request> requests) {
        return limit(roomKw, requests, SilentOffers.NONE);
    }

    /**
     * As {@link #limit(double[], List)}, where the piles in {@code silent} do not say their car's draw: the room is
     * the reading's, their cars' draws among the households, and what each is given above its offer in force counts
     * twice in it.
     */
    public Allocation limit(double[] roomKw, List<Request> requests, SilentOffers silent) {
        int piles = compound.pileCount();
        double[] amps = new double[piles];
        int[] limitedBy = new int[piles];
        Arrays.fill(limitedBy, -1);
        double[] twiceAboveA = new double[piles];
        for (int i = 0; i < piles; i++) {
            twiceAboveA[i] = silent.twiceAboveA(i);
        }
        double[] room = new double[roomKw.length];
        for (int n = 0; n < room.length; n++) {
            // A room that is not a number (a reading gone bad) is no room: never grant on it.
            room[n] = Double.isNaN(roomKw[n]) ? 0 : roomKw[n];
        }

        List<Request> order = new ArrayList<>();
        for (Request r : requests) {
            if (r.wantedA() > EPS) {
                order.add(r);
            }
        }
        // A pile drawing goes before a waiting one of like laxity (Urgency): the room it has is not handed to another
        // pile that is no more urgent, which would stop it.
        order.sort(Comparator.comparingDouble((Request r) -> Urgency.key(r.laxityHours(), r.previousA() > 0))
                .thenComparingInt(Request::pileIndex));

        List<Request> granted = new ArrayList<>();
        grantMinimum(order, false, amps, limitedBy, room, granted, twiceAboveA);
        raise(granted, false, amps, limitedBy, room, twiceAboveA);
        List<Request> extra = new ArrayList<>();
        for (Request r : order) {
            if (r.extraA() > EPS) {
                extra.add(r);
            }
        }
        if (!extra.isEmpty()) {
            grantMinimum(extra, true, amps, limitedBy, room, granted, twiceAboveA);
            List<Request> raising = new ArrayList<>();
            for (Request r : extra) {
                if (amps[r.pileIndex()] > 0) {
                    raising.add(r);
                }
            }
            raise(raising, true, amps, limitedBy, room, twiceAboveA);
        }
        for (Request r : granted) {
            int i = r.pileIndex();
            double rounded = asDecimal(Math.floor(amps[i] / resolutionA + 1e-6) * resolutionA);
            amps[i] = Math.max(compound.pile(i).minCurrentA(), rounded);
        }
        return new Allocation(amps, limitedBy);
    }

    /**
     * Whole steps times 0.1 land a hair off the decimal (227 × 0.1 = 22.700000000000003); these amperes go on the
     * wire and into logs, so they are snapped to the nearest nanoampere, which prints as the decimal meant.
     */
    private static double asDecimal(double amps) {
        return Math.rint(amps * 1e9) / 1e9;
    }

    /** Grants the minimum current, most urgent first, to each pile not yet running that can have it. */
    private void grantMinimum(List<Request> order, boolean withExtra, double[] amps, int[] limitedBy, double[] room,
                              List<Request> granted, double[] twiceAboveA) {
        for (Request r : order) {
            Pile pile = compound.pile(r.pileIndex());
            double min = pile.minCurrentA();
            // An ask made in kW and divided back into amperes comes a hair short of the minimum it was (7 A at 230 V
            // on three phases: 6.999999999999999 A); within EPS it is the minimum.
            if (amps[r.pileIndex()] > 0 || target(r, pile, withExtra) < min - EPS) {
                continue;
            }
            double kw = roomTakenKw(r.pileIndex(), min, twiceAboveA);
            int blocking = blocking(r.pileIndex(), kw, room);
            if (blocking >= 0) {
                limitedBy[r.pileIndex()] = blocking;
                continue;
            }
            limitedBy[r.pileIndex()] = -1;
            take(r.pileIndex(), kw, room);
            amps[r.pileIndex()] = min;
            granted.add(r);
        }
    }

    private double target(Request r, Pile pile, boolean withExtra) {
        double t = Math.min(withExtra ? r.wantedA() : r.desiredA(), pile.maxCurrentA());
        if (r.previousA() >= pile.minCurrentA() && Double.isFinite(rampUpAmpsPerCycle)) {
            t = Math.min(t, r.previousA() + rampUpAmpsPerCycle);
        } else if (Double.isFinite(rampUpAmpsPerCycle)) {
            t = Math.min(t, pile.minCurrentA() + rampUpAmpsPerCycle);
        }
        return t;
    }

    /**
     * The room {@code amps} take on the pile's path (before its weights): their kW, and again those above
     * {@code twiceAboveA} (a pile that does not say its draw, {@link SilentOffers}; infinite for one that does).
     */
    private double roomTakenKw(int pileIndex, double amps, double[] twiceAboveA) {
        double kw = compound.kw(pileIndex, amps);
        return amps > twiceAboveA[pileIndex] ? kw + compound.kw(pileIndex, amps - twiceAboveA[pileIndex]) : kw;
    }

    /** The first node on the pile's path without room for {@code kw} (before its weights), or -1. */
    private int blocking(int pileIndex, double kw, double[] room) {
        int[] path = compound.pileNodes(pileIndex);
        double[] weight = compound.pileWeights(pileIndex);
        for (int k = 0; k < path.length; k++) {
            if (room[path[k]] + EPS < kw * weight[k]) {
                return path[k];
            }
        }
        return -1;
    }

    private void take(int pileIndex, double kw, double[] room) {
        int[] path = compound.pileNodes(pileIndex);
        double[] weight = compound.pileWeights(pileIndex);
        for (int k = 0; k < path.length; k++) {
            room[path[k]] -= kw * weight[k];
        }
    }

    /**
     * Progressive filling (water-filling): the piles at the lowest current are raised together until
     * they reach the next pile's current, their target, or a full node; then the next level joins.
     * The result is max-min fair in amperes even when minimum currents differ. A pile that does not say its draw is
     * raised to its offer in force like any other, then at twice its kW per ampere (a round ends there).
     */
    private void raise(List<Request> granted, boolean withExtra, double[] amps, int[] limitedBy, double[] room,
                       double[] twiceAboveA) {
        int nodes = room.length;
        List<Request> active = new ArrayList<>();
        double[] targets = new double[compound.pileCount()];
        for (Request r : granted) {
            targets[r.pileIndex()] = target(r, compound.pile(r.pileIndex()), withExtra);
            if (targets[r.pileIndex()] > amps[r.pileIndex()] + EPS) {
                active.add(r);
            }
        }
        double[] demand = new double[nodes];
        // Each round saturates a pile, fills a node, lifts the lowest level to the next or a silent pile to its offer in
        // force: it ends within 3 rounds per pile. The bound turns a bug into an error, never into a hung cycle.
        int rounds = 3 * active.size() + nodes + 2;
        while (!active.isEmpty()) {
            if (rounds-- < 0) {
                throw new IllegalStateException("Limiter did not converge raising " + active.size() + " piles");
            }
            double level = Double.POSITIVE_INFINITY;
            for (Request r : active) {
                level = Math.min(level, amps[r.pileIndex()]);
            }
            Arrays.fill(demand, 0);
            double step = Double.POSITIVE_INFINITY;
            for (Request r : active) {
                int i = r.pileIndex();
                if (amps[i] > level + EPS) {
                    step = Math.min(step, amps[i] - level);
                    continue;
                }
                step = Math.min(step, targets[i] - amps[i]);
                double perAmp = compound.kwPerAmp(i);
                if (Double.isFinite(twiceAboveA[i]) && amps[i] < twiceAboveA[i] - EPS) {
                    step = Math.min(step, twiceAboveA[i] - amps[i]);
                } else if (Double.isFinite(twiceAboveA[i])) {
                    perAmp *= 2;
                }
                int[] path = compound.pileNodes(i);
                double[] weight = compound.pileWeights(i);
                for (int k = 0; k < path.length; k++) {
                    demand[path[k]] += perAmp * weight[k];
                }
            }
            for (int n = 0; n < nodes; n++) {
                if (demand[n] > 0) {
                    step = Math.min(step, Math.max(0, room[n]) / demand[n]);
                }
            }
            for (Request r : active) {
                if (amps[r.pileIndex()] <= level + EPS) {
                    amps[r.pileIndex()] += step;
                }
            }
            for (int n = 0; n < nodes; n++) {
                room[n] -= step * demand[n];
            }
            List<Request> still = new ArrayList<>();
            for (Request r : active) {
                int i = r.pileIndex();
                if (amps[i] >= targets[i] - EPS) {
                    continue;
                }
                int full = fullNode(i, room);
                if (full >= 0) {
                    limitedBy[i] = full;
                    continue;
                }
                still.add(r);
            }
            active = still;
        }
    }

    private int fullNode(int pileIndex, double[] room) {
        for (int n : compound.pileNodes(pileIndex)) {
            if (room[n] <= 1e-7) {
                return n;
            }
        }
        return -1;
    }
}
