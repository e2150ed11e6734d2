package org.orderly.tools.bench;

import java.util.ArrayList;
import java.util.List;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;
import org.orderly.gateway.core.plan.Plan;
import org.orderly.gateway.core.plan.PlanCandidate;
import org.orderly.gateway.core.plan.PlanProblem;
import org.orderly.gateway.core.plan.SessionPlan;

/**
 * The objective the product's {@code GreedyPlanner} pursues, with its insurance rule and energy bands,
 * as a linear function, so that an LP can be judged on it (see {@link NeedLpPlanner}).
 *
 * <p>A candidate's energy up to its target is cut into {@link #SEGMENTS} equal segments. Segment k is
 * wanted with probability {@code t_k} (the need's tail at its middle) and priced by the band that
 * holds it. A kWh of segment k placed in slot j costs
 *
 * <pre>
 *   w_kj = cost_b[j] - t_k U - (1 - t_k) cmin_b,     b = band of k, cmin_b = cheapest cost_b in the window
 * </pre>
 *
 * against leaving it unplaced: if wanted (t_k) it costs {@code cost_b[j]} instead of U; if not, it is
 * drawn before the cheapest energy and so replaces a kWh at {@code cmin_b}. The greedy places a chunk
 * exactly when this is negative. The objective of a plan is
 *
 * <pre>
 *   sum_i [ sum_k t_k U size_k + min_z sum_kj w_kj z_kj ]
 * </pre>
 *
 * where z splits the plan's energy in each slot among the segments (sum_k z_kj = plan's kWh in j,
 * sum_j z_kj &lt;= size_k): the expected cost of the energy placed plus that of the energy left out.
 * The split is the most favourable one, for every plan alike, so nothing here depends on the order in
 * which a planner placed its energy. The greedy's flattening surcharge is not part of it.
 */
public final class NeedObjective {
    /** Segments per candidate: the need's tail is a step function of this resolution. */
    public static final int SEGMENTS = 12;
    private static final double EPS = 1e-9;
    private static final double ROUND_OFF_KWH = 1e-6;

    /** One candidate's segments: size (kWh), wanted probability and cost per slot and segment. */
    public record Segments(double[] sizeKWh, double[] wanted, double[][] weight) {
        /** The expected cost of leaving every segment out: sum_k t_k U size_k. */
        public double unplacedCost(double unmet) {
            double c = 0;
            for (int k = 0; k < sizeKWh.length; k++) {
                c += wanted[k] * unmet * sizeKWh[k];
            }
            return c;
        }
    }

    private NeedObjective() {
    }

    public static Segments segments(PlanProblem p, PlanCandidate c) {
        double unmet = PlanObjective.unmetCostPerKWh(p);
        int segments = c.targetKWh() > EPS ? SEGMENTS : 0;
        double size = segments == 0 ? 0 : c.targetKWh() / segments;
        double[] sizes = new double[segments];
        double[] wanted = new double[segments];
        double[][] weight = new double[segments][c.window()];
        for (int k = 0; k < segments; k++) {
            double middle = (k + 0.5) * size;
            PlanCandidate.EnergyBand band = c.bandAt(middle);
            double cheapest = Double.POSITIVE_INFINITY;
            for (int j = 0; j < c.window(); j++) {
                cheapest = Math.min(cheapest, band.cost()[j]);
            }
            double t = c.need().tail(middle);
            sizes[k] = size;
            wanted[k] = t;
            for (int j = 0; j < c.window(); j++) {
                weight[k][j] = band.cost()[j] - t * unmet - (1 - t) * cheapest;
            }
        }
        return new Segments(sizes, wanted, weight);
    }

    /** The objective of {@code plan} on {@code problem}; energy outside a candidate's window is ignored. */
    public static double value(PlanProblem problem, Plan plan) {
        double unmet = PlanObjective.unmetCostPerKWh(problem);
        double total = 0;
        for (PlanCandidate c : problem.candidates()) {
            Segments s = segments(problem, c);
            total += s.unplacedCost(unmet);
            SessionPlan sp = plan.session(c.session().id());
            if (sp != null) {
                total += bestSplit(s, sp, c.window());
            }
        }
        return total;
    }

    /** min sum w_kj z_kj over the splits of the plan's energy among the segments (a small LP). */
    private static double bestSplit(Segments s, SessionPlan sp, int window) {
        ExpressionsBasedModel m = new ExpressionsBasedModel();
        List<Expression> slotRows = new ArrayList<>();
        Expression[] segmentRows = new Expression[s.sizeKWh().length];
        for (int k = 0; k < segmentRows.length; k++) {
            segmentRows[k] = m.addExpression("seg" + k).upper(s.sizeKWh()[k]);
        }
        double placed = 0;
        for (int j = 0; j < window; j++) {
            double e = sp.kwhInSlot(j);
            if (e <= EPS) {
                continue;
            }
            placed += e;
            // Round-off may put a planner a hair past its target: let the split leave that hair out.
            Expression row = m.addExpression("slot" + j).lower(Math.max(0, e - ROUND_OFF_KWH)).upper(e);
            slotRows.add(row);
            for (int k = 0; k < segmentRows.length; k++) {
                Variable z = m.addVariable("z" + k + "_" + j).lower(0).weight(s.weight()[k][j]);
                row.set(z, 1);
                segmentRows[k].set(z, 1);
            }
        }
        if (placed <= EPS) {
            return 0;
        }
        Optimisation.Result r = m.minimise();
        if (!r.getState().isFeasible()) {
            throw new IllegalStateException("no split of " + placed + " kWh among the segments: " + r.getState());
        }
        return r.getValue();
    }
}
