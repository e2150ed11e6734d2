package org.orderly.gateway.core.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.orderly.gateway.core.model.Compound;

/**
 * The product's planning algorithm. Candidates are placed one after another, most urgent (least
 * laxity) first, equally urgent ones together, a chunk each by turns so that they share a shortfall
 * ({@link #placeAlike}); each fills the slots where a kWh is cheapest for it in expectation, in small
 * chunks, paying a little extra for how full a slot already is so that load spreads evenly inside
 * an equal-price period instead of piling onto its first slot. Every chunk must fit the room left
 * at every node on the pile's path and the vehicle's power.
 *
 * <p>A chunk the vehicle wants only with probability t is placed in a slot costing c only if
 * {@code c < t U + (1 - t) c_min}: with probability t it saves the unmet-energy cost U; otherwise,
 * drawn before the cheapest slot's energy (c_min), it just replaces a cheaper kWh. So insurance
 * against a large need is bought in cheap slots, not at the peak.
 *
 * <p>A session's kWh may be priced in energy bands ({@link PlanCandidate#bandAt}): the further
 * kWh that only a long stayer wants are priced with the survival of long stays. When the chunks
 * reach the next band, the slots are re-priced. See docs/scheduler.md.
 */
public final class GreedyPlanner implements Planner {
    private static final double EPS = 1e-6;
    private static final int CHUNKS_PER_SLOT = 3;
    private static final double PRICE_EPS = 1e-9;
    /**
     * How much less a kWh costs a session drawing now in the current slot, as a share of {@code flatteningPerKWh}, when
     * that slot is at the lowest price of its window. Inside an equal-price period the flattening charge alone picks a
     * session's slots, and each plan shared the period's quarter hours out afresh: a car charging now was often given
     * none of the current one (stopped, its energy moved to a later quarter hour at the same price) and restarted a
     * quarter hour later. Never at a dearer price than a slot it could wait for: there an expected cost near a cheaper
     * period's would tip to the dearer kWh. See docs/scheduler.md ("A car charging keeps its quarter hour").
     */
    static final double DRAWING_SHARE = 0.5;

    private record Choice(double key, int slot) {
    }

    @Override
    public Plan solve(PlanProblem p) {
        double[][] room = p.roomCopy();
        double[] evKwh = new double[p.slots()];
        Map<String, SessionPlan> out = new HashMap<>();
        List<PlanCandidate> candidates = p.candidates();
        int from = 0;
        while (from < candidates.size()) {
            int to = from + 1;
            while (to < candidates.size() && candidates.get(to).urgencyKey() == candidates.get(from).urgencyKey()) {
                to++;
            }
            for (Placement placement : placeAlike(p, candidates.subList(from, to), room, evKwh)) {
                out.put(placement.c.session().id(), placement.result());
            }
            from = to;
        }
        return Plan.of(p, out, evKwh);
    }

    /**
     * Places candidates of equal urgency together, a chunk at a time, the next chunk always to the one with the least
     * energy placed so far (the first in the problem's order among equals): where room runs short, they share it
     * max-min fair in kWh, not the last of them in the problem's order (by id) left what the others did not take. A
     * candidate alone is placed as it always was, chunk after chunk until it is done.
     */
    private static List<Placement> placeAlike(PlanProblem p, List<PlanCandidate> alike, double[][] room,
                                              double[] evKwh) {
        List<Placement> placements = new ArrayList<>();
        for (PlanCandidate c : alike) {
            placements.add(new Placement(p, c, placements.size(), alike.size() == 1, room, evKwh));
        }
        if (placements.size() == 1) {
            Placement alone = placements.get(0);
            while (alone.placeChunk()) {
                // chunk after chunk until it is done
            }
            return placements;
        }
        PriorityQueue<Placement> next = new PriorityQueue<>(
                Comparator.comparingDouble((Placement pl) -> pl.placed).thenComparingInt(pl -> pl.order));
        next.addAll(placements);
        while (!next.isEmpty()) {
            Placement least = next.poll();
            if (least.placeChunk()) {
                next.add(least);
            }
        }
        return placements;
    }

    /** One candidate's placement under way: its slots queued by key, what it has placed and what remains. */
    private static final class Placement {
        private final PlanProblem p;
        private final PlanCandidate c;
        private final int order;
        private final boolean alone;
        private final double[][] room;
        private final double[] evKwh;
        private final double[] kwh;
        private final PriorityQueue<Choice> queue = new PriorityQueue<>(Comparator.comparingDouble(Choice::key));
        private final boolean nothingToPlace;
        private int[] path;
        private double[] weight;
        private PlanCandidate.EnergyBand band;
        private double nowLess;
        private double cheapest;
        private double unmet;
        private double chunk;
        private double remaining;
        private double placed;
        private boolean roomRanOut;

        Placement(PlanProblem p, PlanCandidate c, int order, boolean alone, double[][] room, double[] evKwh) {
            this.p = p;
            this.c = c;
            this.order = order;
            this.alone = alone;
            this.room = room;
            this.evKwh = evKwh;
            this.kwh = new double[c.window()];
            this.remaining = c.targetKWh();
            PlanSession s = c.session();
            this.nothingToPlace = remaining <= EPS || s.maxKw() <= 0 || c.window() == 0;
            if (nothingToPlace) {
                return;
            }
            Compound compound = p.compound();
            path = compound.pileNodes(s.pileIndex());
            weight = compound.pileWeights(s.pileIndex());
            band = c.bandAt(0);
            nowLess = s.drawing() && atLowestPrice(p, 0, c.window()) ? DRAWING_SHARE * p.settings().flatteningPerKWh() : 0;
            cheapest = fill(queue, p, c, band, kwh, evKwh, nowLess);
            unmet = p.settings().penaltyPerKWh() * p.settings().riskAversion();
            chunk = Math.max(0.05, s.maxKw() * 0.25 / CHUNKS_PER_SLOT);
        }

        /** Places the next chunk; false once the candidate is done (nothing remains or nothing more is worth it). */
        boolean placeChunk() {
            if (nothingToPlace) {
                return false;
            }
            PlanSession s = c.session();
            while (remaining > EPS && !queue.isEmpty()) {
                // The kWh a chunk covers are judged at its middle; the last chunk is only what remains.
                double middle = placed + Math.min(chunk, remaining) / 2;
                PlanCandidate.EnergyBand next = c.bandAt(middle);
                if (next != band) {
                    band = next;
                    queue.clear();
                    cheapest = fill(queue, p, c, band, kwh, evKwh, nowLess);
                    if (queue.isEmpty()) {
                        return false;
                    }
                }
                double[] cost = band.cost();
                if (!alone && refreshedTop(cost)) {
                    continue;
                }
                int j = queue.peek().slot();
                double t = c.need().tail(middle);
                if (cost[j] >= t * unmet + (1 - t) * cheapest) {
                    return false;
                }
                queue.poll();
                double fits = s.maxKw() * p.hours()[j] - kwh[j];
                double roomFits = roomFits(room, j, path, weight);
                if (roomFits < Math.min(fits, chunk)) {
                    roomRanOut = true;
                }
                fits = Math.min(fits, roomFits);
                double amount = Math.min(Math.min(fits, chunk), remaining);
                if (amount <= EPS) {
                    continue;
                }
                kwh[j] += amount;
                remaining -= amount;
                placed += amount;
                evKwh[j] += amount;
                for (int k = 0; k < path.length; k++) {
                    room[j][path[k]] -= amount * weight[k];
                }
                if (fits - amount > EPS) {
                    queue.add(new Choice(key(p, cost[j], j, evKwh, nowLess), j));
                }
                return true;
            }
            return false;
        }

        /**
         * Re-keys the first queued slot when another candidate placed alike has filled it since it was keyed (a slot's
         * key only rises as it fills); true if it did, so the next first is looked at. Not needed for a candidate placed
         * alone: it keys every slot it fills afresh, so its queue never goes stale.
         */
        private boolean refreshedTop(double[] cost) {
            Choice top = queue.peek();
            double fresh = key(p, cost[top.slot()], top.slot(), evKwh, nowLess);
            if (fresh > top.key()) {
                queue.poll();
                queue.add(new Choice(fresh, top.slot()));
                return true;
            }
            return false;
        }

        SessionPlan result() {
            PlanSession s = c.session();
            if (nothingToPlace) {
                return new SessionPlan(s.id(), s.pileIndex(), kwh, c.laxityHours(), c.targetKWh(), remaining, s.maxKw());
            }
            double shortfall = roomRanOut ? Math.max(0, c.need().upTo(0.5) - placedWhileLikelyThere(c, kwh)) : 0;
            return new SessionPlan(s.id(), s.pileIndex(), kwh, c.laxityHours(), c.targetKWh(), shortfall, s.maxKw());
        }
    }

    /**
     * Queues every slot of the window where the vehicle could still take energy, priced by
     * {@code band}, and returns the cheapest price in the window (the insurance rule's c_min).
     * Slots without room stay queued: the chunk that finds one empty marks that room ran out.
     */
    private static double fill(PriorityQueue<Choice> queue, PlanProblem p, PlanCandidate c,
                               PlanCandidate.EnergyBand band, double[] kwh, double[] evKwh, double nowLess) {
        double cheapest = Double.POSITIVE_INFINITY;
        for (int j = 0; j < c.window(); j++) {
            cheapest = Math.min(cheapest, band.cost()[j]);
            if (c.session().maxKw() * p.hours()[j] - kwh[j] > EPS) {
                queue.add(new Choice(key(p, band.cost()[j], j, evKwh, nowLess), j));
            }
        }
        return cheapest;
    }

    private static double roomFits(double[][] room, int j, int[] path, double[] weight) {
        double fits = Double.POSITIVE_INFINITY;
        for (int k = 0; k < path.length; k++) {
            fits = Math.min(fits, room[j][path[k]] / weight[k]);
        }
        return fits;
    }

    /**
     * Energy placed in slots where the vehicle is more likely than not still plugged: what it can
     * count on. When room ran out somewhere in its window, its likely need beyond that is the
     * shortfall, which lets the session ask for live room the plan did not see.
     */
    private static double placedWhileLikelyThere(PlanCandidate c, double[] kwh) {
        double sum = 0;
        for (int j = 0; j < kwh.length; j++) {
            if (c.survival()[j] >= 0.5) {
                sum += kwh[j];
            }
        }
        return sum;
    }

    /** Whether no slot of the first {@code window} is priced below slot j. */
    private static boolean atLowestPrice(PlanProblem p, int j, int window) {
        for (int k = 0; k < window; k++) {
            if (p.price()[k] < p.price()[j] - PRICE_EPS) {
                return false;
            }
        }
        return true;
    }

    /**
     * Expected cost of a kWh in slot j plus the charge for how full the slot already is, less {@code nowLess} in the
     * current slot ({@link #DRAWING_SHARE}).
     */
    private static double key(PlanProblem p, double cost, int j, double[] evKwh, double nowLess) {
        double level = (p.expectedBaseKw()[j] + evKwh[j] / p.hours()[j]) / Math.max(1, p.limitKw()[j]);
        return cost + p.settings().flatteningPerKWh() * level - (j == 0 ? nowLess : 0);
    }
}
