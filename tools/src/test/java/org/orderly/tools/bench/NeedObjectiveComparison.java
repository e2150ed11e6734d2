package org.orderly.tools.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.orderly.gateway.core.plan.GreedyPlanner;
import org.orderly.gateway.core.plan.PlanProblem;
import org.orderly.gateway.core.plan.Planner;

/**
 * The product's greedy against {@link NeedLpPlanner} on the objective the greedy pursues
 * ({@link NeedObjective}), on the same captured problems, side by side in one JVM: each problem is
 * solved {@code reps} times by each planner, taking turns, after a warm-up pass. Prints one Markdown
 * row per scenario.
 *
 * <pre>java -cp ... org.orderly.tools.bench.NeedObjectiveComparison [--reps N] [--warmup N] SCENARIO...</pre>
 */
public final class NeedObjectiveComparison {
    private NeedObjectiveComparison() {
    }

    public static void main(String[] args) {
        int reps = 3;
        int warmup = 1;
        List<String> names = new ArrayList<>();
        for (int a = 0; a < args.length; a++) {
            switch (args[a]) {
                case "--reps" -> reps = Integer.parseInt(args[++a]);
                case "--warmup" -> warmup = Integer.parseInt(args[++a]);
                default -> names.add(args[a]);
            }
        }
        System.out.println("| scenario | problems | candidates p50 | LP variables p50 | greedy ms p50 / max | LP ms p50 / max"
                + " | LP/greedy time p50 | greedy/LP objective p50 / max / sum | same, greedy without flattening"
                + " | max violation kWh greedy / LP |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        for (String name : names.isEmpty() ? List.of("small-24", "compound-150") : names) {
            run(name, reps, warmup);
        }
    }

    private static void run(String name, int reps, int warmup) {
        List<PlanProblem> problems = BenchScenarios.capture(name);
        Planner greedy = new GreedyPlanner();
        NeedLpPlanner lp = new NeedLpPlanner();
        int n = problems.size();
        double[] gMs = new double[n];
        double[] lMs = new double[n];
        double[] slower = new double[n];
        double[] ratio = new double[n];
        double[] flatRatio = new double[n];
        double[] gObj = new double[n];
        double[] lObj = new double[n];
        double[] fObj = new double[n];
        double[] gap = new double[n];
        double[] cands = new double[n];
        double[] vars = new double[n];
        double[] gViol = new double[n];
        double[] lViol = new double[n];
        SideBySide.run(problems, greedy, lp, reps, warmup, (i, p, solved) -> {
            gMs[i] = solved.firstMs();
            lMs[i] = solved.secondMs();
            slower[i] = lMs[i] / gMs[i];
            gObj[i] = NeedObjective.value(p, solved.first());
            lObj[i] = NeedObjective.value(p, solved.second());
            fObj[i] = NeedObjective.value(p, greedy.solve(PlannerComparison.withoutFlattening(p)));
            // The LP's plan, split among segments afresh, must score what the solver reported.
            gap[i] = Math.abs(lObj[i] - lp.lastStats().optimum()) / Math.max(1, Math.abs(lObj[i]));
            ratio[i] = gObj[i] / lObj[i];
            flatRatio[i] = fObj[i] / lObj[i];
            gViol[i] = PlanObjective.maxViolationKWh(p, solved.first());
            lViol[i] = PlanObjective.maxViolationKWh(p, solved.second());
            cands[i] = p.candidates().size();
            vars[i] = lp.lastStats().variables();
            System.err.printf(Locale.ROOT, "%s %d candidates %d vars %d greedy %.4f LP %.4f ratio %.5f ms greedy %.3f"
                    + " LP %.1f%n", name, i, p.candidates().size(), lp.lastStats().variables(), gObj[i], lObj[i], ratio[i],
                    gMs[i], lMs[i]);
        });
        System.err.printf(Locale.ROOT, "# %s: largest relative gap between the solver's optimum and its plan's"
                + " objective: %.1e%n", name, PlannerComparison.max(gap));
        System.out.printf(Locale.ROOT, "| %s | %d | %.0f | %.0f | %.3f / %.3f | %.1f / %.1f | %.0f | %.5f / %.5f / %.5f"
                        + " | %.5f / %.5f / %.5f | %.1e / %.1e |%n",
                name, n, PlannerComparison.median(cands), PlannerComparison.median(vars), PlannerComparison.median(gMs),
                PlannerComparison.max(gMs), PlannerComparison.median(lMs), PlannerComparison.max(lMs),
                PlannerComparison.median(slower), PlannerComparison.median(ratio), PlannerComparison.max(ratio),
                PlannerComparison.sum(gObj) / PlannerComparison.sum(lObj), PlannerComparison.median(flatRatio),
                PlannerComparison.max(flatRatio), PlannerComparison.sum(fObj) / PlannerComparison.sum(lObj),
                PlannerComparison.max(gViol), PlannerComparison.max(lViol));
    }
}
