package org.orderly.tools.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.plan.Plan;
import org.orderly.gateway.core.plan.PlanCandidate;
import org.orderly.gateway.core.plan.PlanProblem;
import org.orderly.gateway.core.plan.PlanSession;
import org.orderly.gateway.core.plan.Planner;
import org.orderly.gateway.core.plan.SessionPlan;

/**
 * Solves a {@link PlanProblem} as the linear programme that {@code GreedyPlanner} approximates,
 * with ojAlgo's {@link ExpressionsBasedModel}:
 *
 * <pre>
 *   minimise   sum_ij cost_ij x_ij + U sum_i (target_i - sum_j x_ij),   U = penaltyPerKWh x riskAversion
 *   subject to 0 &lt;= x_ij &lt;= maxKw_i hours_j                       (j &lt; window_i)
 *              sum_j x_ij &lt;= target_i
 *              sum_i weight_in x_ij &lt;= roomKWh[j][n]                   (every slot j, node n)
 * </pre>
 *
 * The constant {@code U sum_i target_i} is dropped, so each x_ij carries weight {@code cost_ij - U}.
 * Two reductions that cannot change the optimum keep the model small: a variable whose weight is
 * {@code >= 0} is left out (every constraint is a {@code <=} with non-negative coefficients, so
 * setting such a variable to 0 never hurts), and so is one whose slot has no room on the pile's
 * path (it is fixed at 0 anyway). There is no flattening term: this is the optimum of the
 * objective, against which {@link PlanObjective} measures the greedy plan.
 */
public final class LpPlanner implements Planner {
    private static final double EPS = 1e-6;

    /** What the last {@link #solve} saw, for reports (not thread-safe; one planner per thread). */
    public record Stats(int variables, int constraints, Optimisation.State state, double lpValue) {
    }

    private Stats last;

    public Stats lastStats() {
        return last;
    }

    @Override
    public Plan solve(PlanProblem p) {
        double unmet = PlanObjective.unmetCostPerKWh(p);
        Compound compound = p.compound();
        int slots = p.slots();
        int nodes = compound.nodeCount();
        double[][] room = p.roomKWh();
        List<PlanCandidate> candidates = p.candidates();

        ExpressionsBasedModel model = new ExpressionsBasedModel();
        Expression[][] nodeRows = new Expression[slots][nodes];
        Variable[][] vars = new Variable[candidates.size()][];
        int rows = 0;
        for (int i = 0; i < candidates.size(); i++) {
            PlanCandidate c = candidates.get(i);
            PlanSession s = c.session();
            vars[i] = new Variable[c.window()];
            if (c.targetKWh() <= EPS || s.maxKw() <= 0 || c.window() == 0) {
                continue;
            }
            int[] path = compound.pileNodes(s.pileIndex());
            double[] weight = compound.pileWeights(s.pileIndex());
            Expression total = null;
            for (int j = 0; j < c.window(); j++) {
                double w = c.cost()[j] - unmet;
                double upper = s.maxKw() * p.hours()[j];
                if (w >= 0 || upper <= EPS || !roomOnPath(room[j], path)) {
                    continue;
                }
                Variable x = model.addVariable("x" + i + "_" + j).lower(0).upper(upper).weight(w);
                vars[i][j] = x;
                if (total == null) {
                    total = model.addExpression("target" + i).upper(c.targetKWh());
                    rows++;
                }
                total.set(x, 1);
                for (int k = 0; k < path.length; k++) {
                    int n = path[k];
                    Expression row = nodeRows[j][n];
                    if (row == null) {
                        row = model.addExpression("room" + j + "_" + n).upper(room[j][n]);
                        nodeRows[j][n] = row;
                        rows++;
                    }
                    row.set(x, weight[k]);
                }
            }
        }

        double lpValue = 0;
        Optimisation.State state = Optimisation.State.OPTIMAL;
        if (model.countVariables() > 0) {
            Optimisation.Result result = model.minimise();
            state = result.getState();
            if (!state.isFeasible()) {
                throw new IllegalStateException("ojAlgo: " + state + " on a problem with " + model.countVariables()
                        + " variables");
            }
            lpValue = result.getValue();
        }
        last = new Stats(model.countVariables(), rows, state, lpValue);

        double[][] kwh = new double[candidates.size()][];
        for (int i = 0; i < candidates.size(); i++) {
            kwh[i] = new double[candidates.get(i).window()];
            for (int j = 0; j < kwh[i].length; j++) {
                if (vars[i][j] != null) {
                    kwh[i][j] = vars[i][j].getValue().doubleValue();
                }
            }
        }
        return planOf(p, kwh);
    }

    /**
     * The plan of a solver's energy per candidate and slot, {@code kwh[i][j]}: solver round-off is clipped, so a
     * plan never carries negative energy or more than the vehicle takes in a slot.
     */
    static Plan planOf(PlanProblem p, double[][] kwh) {
        double[] evKwh = new double[p.slots()];
        Map<String, SessionPlan> out = new HashMap<>();
        for (int i = 0; i < kwh.length; i++) {
            PlanCandidate c = p.candidates().get(i);
            PlanSession s = c.session();
            double placed = 0;
            for (int j = 0; j < kwh[i].length; j++) {
                double v = Math.min(kwh[i][j], s.maxKw() * p.hours()[j]);
                kwh[i][j] = v > EPS ? v : 0;
                placed += kwh[i][j];
                evKwh[j] += kwh[i][j];
            }
            // The LP wants each candidate's target (it has no need beyond it), so that is what it likely wants and
            // what its shortfall is counted from.
            out.put(s.id(), new SessionPlan(s.id(), s.pileIndex(), kwh[i], c.laxityHours(), c.targetKWh(),
                    c.targetKWh(), Math.max(0, c.targetKWh() - placed), s.maxKw()));
        }
        return Plan.of(p, out, evKwh);
    }

    /** Whether every node on the pile's path has room left in the slot. */
    static boolean roomOnPath(double[] roomInSlot, int[] path) {
        for (int n : path) {
            if (roomInSlot[n] <= EPS) {
                return false;
            }
        }
        return true;
    }
}
