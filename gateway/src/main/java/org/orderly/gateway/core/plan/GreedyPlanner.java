package org.orderly.gateway.core.plan;

import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;
import org.orderly.gateway.core.model.Compound;

/**
 * The product's planning algorithm. Candidates are placed one after another, most urgent (least
 * laxity) first; each fills the slots where a kWh is cheapest for it in expectation, in small
 * chunks, paying a little extra for how full a slot already is so that load spreads evenly inside
 * an equal-price period instead of piling onto its first slot. Every chunk must fit the room left
 * at every node on the pile's path and the vehicle's power. See docs/scheduler.md for why this
 * beats a general LP here.
 */
public final class GreedyPlanner implements Planner {
    private static final double EPS = 1e-6;
    private static final int CHUNKS_PER_SLOT = 3;

    private record Choice(double key, int slot) {
    }

    @Override
    public Plan solve(PlanProblem p) {
        double[][] room = p.roomCopy();
        double[] evKwh = new double[p.slots()];
        Map<String, SessionPlan> out = new HashMap<>();
        for (PlanCandidate c : p.candidates()) {
            out.put(c.session().id(), place(p, c, room, evKwh));
        }
        return Plan.of(p, out, evKwh);
    }

    private SessionPlan place(PlanProblem p, PlanCandidate c, double[][] room, double[] evKwh) {
        PlanSession s = c.session();
        double[] kwh = new double[c.window()];
        double remaining = c.targetKWh();
        if (remaining <= EPS || s.maxKw() <= 0 || c.window() == 0) {
            return new SessionPlan(s.id(), s.pileIndex(), kwh, c.laxityHours(), c.targetKWh(), remaining);
        }
        Compound compound = p.compound();
        int[] path = compound.pileNodes(s.pileIndex());
        double[] weight = compound.pileWeights(s.pileIndex());
        PriorityQueue<Choice> queue = new PriorityQueue<>(Comparator.comparingDouble(Choice::key));
        for (int j = 0; j < c.window(); j++) {
            queue.add(new Choice(key(p, c.cost()[j], j, evKwh), j));
        }
        double chunk = Math.max(0.05, s.maxKw() * 0.25 / CHUNKS_PER_SLOT);
        while (remaining > EPS && !queue.isEmpty()) {
            int j = queue.poll().slot();
            double fits = s.maxKw() * p.hours()[j] - kwh[j];
            for (int k = 0; k < path.length; k++) {
                fits = Math.min(fits, room[j][path[k]] / weight[k]);
            }
            double amount = Math.min(Math.min(fits, chunk), remaining);
            if (amount <= EPS) {
                continue;
            }
            kwh[j] += amount;
            remaining -= amount;
            evKwh[j] += amount;
            for (int k = 0; k < path.length; k++) {
                room[j][path[k]] -= amount * weight[k];
            }
            if (fits - amount > EPS) {
                queue.add(new Choice(key(p, c.cost()[j], j, evKwh), j));
            }
        }
        return new SessionPlan(s.id(), s.pileIndex(), kwh, c.laxityHours(), c.targetKWh(), Math.max(0, remaining));
    }

    /** Expected cost of a kWh in slot j plus the charge for how full the slot already is. */
    private static double key(PlanProblem p, double cost, int j, double[] evKwh) {
        double level = (p.expectedBaseKw()[j] + evKwh[j] / p.hours()[j]) / Math.max(1, p.limitKw()[j]);
        return cost + p.settings().flatteningPerKWh() * level;
    }
}
