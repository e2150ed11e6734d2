package org.orderly.tools.bench;

import java.util.List;
import org.orderly.gateway.core.plan.Plan;
import org.orderly.gateway.core.plan.PlanProblem;
import org.orderly.gateway.core.plan.Planner;

/**
 * Two planners on the same problems in one JVM, taking turns: a warm-up pass over all problems, then
 * each problem solved {@code reps} times by each, the order swapped every repetition, so that neither
 * profits from the other's warm caches more than the other does.
 */
final class SideBySide {
    /** One problem's outcome: each planner's last plan and its median time, ms. */
    record Solved(Plan first, Plan second, double firstMs, double secondMs) {
    }

    /** Called after each problem, while the planners still hold what their last solve saw. */
    interface EachProblem {
        void solved(int index, PlanProblem problem, Solved solved);
    }

    private SideBySide() {
    }

    static void run(List<PlanProblem> problems, Planner first, Planner second, int reps, int warmup, EachProblem each) {
        for (int w = 0; w < warmup; w++) {
            for (PlanProblem p : problems) {
                first.solve(p);
                second.solve(p);
            }
        }
        for (int i = 0; i < problems.size(); i++) {
            PlanProblem p = problems.get(i);
            double[] a = new double[reps];
            double[] b = new double[reps];
            Plan planA = null;
            Plan planB = null;
            for (int r = 0; r < reps; r++) {
                boolean firstFirst = r % 2 == 0;
                long t0 = System.nanoTime();
                if (firstFirst) {
                    planA = first.solve(p);
                } else {
                    planB = second.solve(p);
                }
                long t1 = System.nanoTime();
                if (firstFirst) {
                    planB = second.solve(p);
                } else {
                    planA = first.solve(p);
                }
                long t2 = System.nanoTime();
                a[r] = (firstFirst ? t1 - t0 : t2 - t1) / 1e6;
                b[r] = (firstFirst ? t2 - t1 : t1 - t0) / 1e6;
            }
            each.solved(i, p, new Solved(planA, planB, PlannerComparison.median(a), PlannerComparison.median(b)));
        }
    }
}
