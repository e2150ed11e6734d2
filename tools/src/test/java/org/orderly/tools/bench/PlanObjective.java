package org.orderly.tools.bench;

import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.plan.Plan;
import org.orderly.gateway.core.plan.PlanCandidate;
import org.orderly.gateway.core.plan.PlanProblem;
import org.orderly.gateway.core.plan.PlanSession;
import org.orderly.gateway.core.plan.SessionPlan;

/**
 * The objective every {@code Planner} is judged by on one {@link PlanProblem}, and how far a plan
 * strays from the problem's constraints:
 *
 * <pre>
 *   sum_ij cost_ij x_ij + U sum_i (target_i - sum_j x_ij),   U = penaltyPerKWh x riskAversion
 * </pre>
 *
 * (expected cost of the energy placed plus the cost of the energy not placed at all). The
 * greedy's flattening surcharge is not part of it.
 */
public final class PlanObjective {
    private PlanObjective() {
    }

    /** The cost of a kWh a candidate wanted that the plan does not place. */
    public static double unmetCostPerKWh(PlanProblem p) {
        return p.settings().penaltyPerKWh() * p.settings().riskAversion();
    }

    /** The objective of {@code plan} on {@code problem}. Energy planned outside a candidate's window counts as unplaced. */
    public static double value(PlanProblem problem, Plan plan) {
        double unmet = unmetCostPerKWh(problem);
        double total = 0;
        for (PlanCandidate c : problem.candidates()) {
            SessionPlan sp = plan.session(c.session().id());
            double placed = 0;
            double cost = 0;
            if (sp != null) {
                for (int j = 0; j < c.window(); j++) {
                    double x = sp.kwhInSlot(j);
                    placed += x;
                    cost += c.cost()[j] * x;
                }
            }
            total += cost + unmet * Math.max(0, c.targetKWh() - placed);
        }
        return total;
    }

    /** The energy all candidates wanted ({@code sum_i target_i}), kWh. */
    public static double wantedKWh(PlanProblem problem) {
        return problem.candidates().stream().mapToDouble(PlanCandidate::targetKWh).sum();
    }

    /** The energy the plan places inside the candidates' windows, kWh. */
    public static double placedKWh(PlanProblem problem, Plan plan) {
        double placed = 0;
        for (PlanCandidate c : problem.candidates()) {
            SessionPlan sp = plan.session(c.session().id());
            if (sp != null) {
                for (int j = 0; j < c.window(); j++) {
                    placed += sp.kwhInSlot(j);
                }
            }
        }
        return placed;
    }

    /**
     * The largest breach of any constraint, kWh (0 for a feasible plan): a node's room in a slot,
     * a vehicle's power over a slot, a target, a negative amount, or energy outside the window.
     */
    public static double maxViolationKWh(PlanProblem problem, Plan plan) {
        Compound compound = problem.compound();
        double[][] load = new double[problem.slots()][compound.nodeCount()];
        double worst = 0;
        for (PlanCandidate c : problem.candidates()) {
            PlanSession s = c.session();
            SessionPlan sp = plan.session(s.id());
            if (sp == null) {
                continue;
            }
            int[] path = compound.pileNodes(s.pileIndex());
            double[] weight = compound.pileWeights(s.pileIndex());
            double sum = 0;
            double[] kwh = sp.kwhBySlot();
            for (int j = 0; j < kwh.length; j++) {
                double x = kwh[j];
                if (j >= c.window() || j >= problem.slots()) {
                    worst = Math.max(worst, Math.abs(x));
                    continue;
                }
                worst = Math.max(worst, -x);
                worst = Math.max(worst, x - s.maxKw() * problem.hours()[j]);
                sum += x;
                for (int k = 0; k < path.length; k++) {
                    load[j][path[k]] += weight[k] * x;
                }
            }
            worst = Math.max(worst, sum - c.targetKWh());
        }
        for (int j = 0; j < load.length; j++) {
            for (int n = 0; n < load[j].length; n++) {
                worst = Math.max(worst, load[j][n] - problem.roomKWh()[j][n]);
            }
        }
        return worst;
    }
}
