package org.orderly.tools.bench;

import java.util.List;
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

/**
 * The optimum of {@link NeedObjective} with ojAlgo: a variable per candidate, energy segment and slot,
 *
 * <pre>
 *   minimise   sum_ikj w_ikj z_ikj
 *   subject to sum_j z_ikj &lt;= size_ik                      (each segment at most once)
 *              sum_k z_ikj &lt;= maxKw_i hours_j               (the vehicle's power)
 *              sum_ik weight_in z_ikj &lt;= roomKWh[j][n]      (every slot j, node n)
 * </pre>
 *
 * Variables with {@code w >= 0}, or without room on the pile's path, are left out: every constraint is a
 * {@code <=} with non-negative coefficients, so they can be 0 in an optimum. Nothing makes a later segment
 * wait for an earlier one, so this is a relaxation: its optimum is a lower bound of the objective.
 */
public final class NeedLpPlanner implements Planner {
    private static final double EPS = 1e-6;

    /** What the last {@link #solve} saw: its size, and its optimum plus the constant (the objective's lower bound). */
    public record Stats(int variables, Optimisation.State state, double optimum) {
    }

    private Stats last;

    public Stats lastStats() {
        return last;
    }

    @Override
    public Plan solve(PlanProblem p) {
        Compound compound = p.compound();
        double[][] room = p.roomKWh();
        List<PlanCandidate> candidates = p.candidates();
        double unmet = PlanObjective.unmetCostPerKWh(p);
        ExpressionsBasedModel model = new ExpressionsBasedModel();
        Expression[][] nodeRows = new Expression[p.slots()][compound.nodeCount()];
        Variable[][][] vars = new Variable[candidates.size()][][];
        double constant = 0;
        for (int i = 0; i < candidates.size(); i++) {
            PlanCandidate c = candidates.get(i);
            PlanSession s = c.session();
            NeedObjective.Segments seg = NeedObjective.segments(p, c);
            constant += seg.unplacedCost(unmet);
            int segments = seg.sizeKWh().length;
            vars[i] = new Variable[segments][c.window()];
            if (s.maxKw() <= 0) {
                continue;
            }
            int[] path = compound.pileNodes(s.pileIndex());
            double[] weight = compound.pileWeights(s.pileIndex());
            Expression[] segmentRows = new Expression[segments];
            for (int j = 0; j < c.window(); j++) {
                double power = s.maxKw() * p.hours()[j];
                if (power <= EPS || !LpPlanner.roomOnPath(room[j], path)) {
                    continue;
                }
                Expression powerRow = null;
                for (int k = 0; k < segments; k++) {
                    double w = seg.weight()[k][j];
                    if (w >= 0) {
                        continue;
                    }
                    Variable z = model.addVariable("z" + i + "_" + k + "_" + j).lower(0)
                            .upper(Math.min(power, seg.sizeKWh()[k])).weight(w);
                    vars[i][k][j] = z;
                    if (segmentRows[k] == null) {
                        segmentRows[k] = model.addExpression("seg" + i + "_" + k).upper(seg.sizeKWh()[k]);
                    }
                    segmentRows[k].set(z, 1);
                    if (powerRow == null) {
                        powerRow = model.addExpression("pow" + i + "_" + j).upper(power);
                    }
                    powerRow.set(z, 1);
                    for (int q = 0; q < path.length; q++) {
                        int n = path[q];
                        if (nodeRows[j][n] == null) {
                            nodeRows[j][n] = model.addExpression("room" + j + "_" + n).upper(room[j][n]);
                        }
                        nodeRows[j][n].set(z, weight[q]);
                    }
                }
            }
        }
        double optimum = constant;
        Optimisation.State state = Optimisation.State.OPTIMAL;
        if (model.countVariables() > 0) {
            Optimisation.Result r = model.minimise();
            state = r.getState();
            if (!state.isFeasible()) {
                throw new IllegalStateException("ojAlgo: " + state + " with " + model.countVariables() + " variables");
            }
            optimum += r.getValue();
        }
        last = new Stats(model.countVariables(), state, optimum);

        double[][] kwh = new double[candidates.size()][];
        for (int i = 0; i < candidates.size(); i++) {
            kwh[i] = new double[candidates.get(i).window()];
            for (Variable[] segment : vars[i]) {
                for (int j = 0; j < kwh[i].length; j++) {
                    if (segment[j] != null) {
                        kwh[i][j] += segment[j].getValue().doubleValue();
                    }
                }
            }
        }
        return LpPlanner.planOf(p, kwh);
    }
}
