package org.orderly.gateway.core.plan;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.orderly.gateway.core.model.Compound;

/**
 * The product's planning algorithm. Candidates are placed one after another, most urgent (least
 * laxity) first; each fills the slots where a kWh is cheapest for it in expectation, in small
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
 * reach the next band, the slots are re-priced.
 *
 * <p>Candidates that cannot be met (laxity below 0) do not queue among themselves: each is placed at most its share of a
 * slot they contest ({@link ShortShares}), then what any left goes to the others, in order. See docs/scheduler.md.
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
        List<PlanCandidate> candidates = p.candidates();
        int firstShort = -1;
        int lastShort = -1;
        for (int i = 0; i < candidates.size(); i++) {
            if (ShortShares.cannotBeMet(candidates.get(i))) {
                firstShort = firstShort < 0 ? i : firstShort;
                lastShort = i;
            }
        }
        double[][] caps = new double[candidates.size()][];
        double[][] kwh = new double[candidates.size()][];
        boolean[] roomRanOut = new boolean[candidates.size()];
        for (int i = 0; i < candidates.size(); i++) {
            PlanCandidate c = candidates.get(i);
            if (i == firstShort) {
                // Shared out of the room as it is when the first of them is placed: all candidates before it come first.
                caps = ShortShares.caps(p, room, candidates);
            }
            kwh[i] = new double[c.window()];
            roomRanOut[i] = place(p, c, room, evKwh, kwh[i], caps[i]);
            if (i == lastShort) {
                // What a candidate that cannot be met left of its share goes to the others of them, in order, before
                // any candidate after them: they come first in the order, and the shares must not hand it on.
                for (int k = 0; k <= lastShort; k++) {
                    if (caps[k] != null) {
                        roomRanOut[k] |= place(p, candidates.get(k), room, evKwh, kwh[k], null);
                    }
                }
            }
        }
        Map<String, SessionPlan> out = new HashMap<>();
        for (int i = 0; i < candidates.size(); i++) {
            out.put(candidates.get(i).session().id(), sessionPlan(candidates.get(i), kwh[i], roomRanOut[i]));
        }
        return Plan.of(p, out, evKwh);
    }

    private static SessionPlan sessionPlan(PlanCandidate c, double[] kwh, boolean roomRanOut) {
        PlanSession s = c.session();
        double likely = c.need().upTo(0.5);
        if (c.targetKWh() <= EPS || s.maxKw() <= 0 || c.window() == 0) {
            return new SessionPlan(s.id(), s.pileIndex(), kwh, c.laxityHours(), c.targetKWh(), likely, c.targetKWh(),
                    s.maxKw());
        }
        double shortfall = roomRanOut ? Math.max(0, likely - placedWhileLikelyThere(c, kwh)) : 0;
        return new SessionPlan(s.id(), s.pileIndex(), kwh, c.laxityHours(), c.targetKWh(), likely, shortfall,
                s.maxKw());
    }

    /**
     * Places the candidate's energy beyond what {@code kwh} already holds, each slot's at most {@code capKWh} (null:
     * no cap), and says whether a chunk found less room than it would take (a cap is no room running out).
     */
    private boolean place(PlanProblem p, PlanCandidate c, double[][] room, double[] evKwh, double[] kwh,
                          double[] capKWh) {
        PlanSession s = c.session();
        double placed = 0;
        for (double k : kwh) {
            placed += k;
        }
        double remaining = c.targetKWh() - placed;
        if (remaining <= EPS || s.maxKw() <= 0 || c.window() == 0) {
            return false;
        }
        Compound compound = p.compound();
        int[] path = compound.pileNodes(s.pileIndex());
        double[] weight = compound.pileWeights(s.pileIndex());
        PlanCandidate.EnergyBand band = c.bandAt(placed);
        PriorityQueue<Choice> queue = new PriorityQueue<>(Comparator.comparingDouble(Choice::key));
        double nowLess = s.drawing() && atLowestPrice(p, 0, c.window()) ? DRAWING_SHARE * p.settings().flatteningPerKWh()
                : 0;
        double cheapest = fill(queue, p, c, band, kwh, evKwh, nowLess);
        double unmet = p.settings().penaltyPerKWh() * p.settings().riskAversion();
        double chunk = Math.max(0.05, s.maxKw() * 0.25 / CHUNKS_PER_SLOT);
        boolean roomRanOut = false;
        while (remaining > EPS && !queue.isEmpty()) {
            // The kWh a chunk covers are judged at its middle; the last chunk is only what remains.
            double middle = placed + Math.min(chunk, remaining) / 2;
            PlanCandidate.EnergyBand next = c.bandAt(middle);
            if (next != band) {
                band = next;
                queue.clear();
                cheapest = fill(queue, p, c, band, kwh, evKwh, nowLess);
                if (queue.isEmpty()) {
                    break;
                }
            }
            double[] cost = band.cost();
            int j = queue.peek().slot();
            double t = c.need().tail(middle);
            if (cost[j] >= t * unmet + (1 - t) * cheapest) {
                break;
            }
            queue.poll();
            double fits = s.maxKw() * p.hours()[j] - kwh[j];
            double roomFits = roomFits(room, j, path, weight);
            if (roomFits < Math.min(fits, chunk)) {
                roomRanOut = true;
            }
            fits = Math.min(fits, roomFits);
            if (capKWh != null) {
                fits = Math.min(fits, capKWh[j] - kwh[j]);
            }
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
        }
        return roomRanOut;
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
