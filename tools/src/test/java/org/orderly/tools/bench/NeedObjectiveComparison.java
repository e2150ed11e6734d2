package org.orderly.tools.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
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
        BenchArgs parsed = BenchArgs.parse(args, Map.of("--reps", 3, "--warmup", 1), Set.of(),
                List.of("small-24", "compound-150"));
        int reps = parsed.number("--reps");
        int warmup = parsed.number("--warmup");
        System.out.println("| scenario | problems | candidates p50 | LP variables p50 | greedy ms p50 / max | LP ms p50 / max"
                + " | LP/greedy time p50 | greedy/LP objective p50 / max / sum | same, greedy without flattening"
                + " | max violation kWh greedy / LP |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        for (String name : parsed.names()) {
            run(name, reps, warmup);
        }
    }

    /** One problem's figures; the ratios are derived from them when the row is printed. */
    private record Row(int candidates, int variables, double greedyMs, double lpMs, double greedy, double lp,
                       double greedyFlat0, double solverGap, double greedyViolation, double lpViolation) {
    }

    private static void run(String name, int reps, int warmup) {
        List<PlanProblem> problems = BenchScenarios.capture(name);
        Planner greedy = new GreedyPlanner();
        NeedLpPlanner lp = new NeedLpPlanner();
        List<Row> rows = new ArrayList<>();
        SideBySide.run(problems, greedy, lp, reps, warmup, (i, p, solved) -> {
            double lpValue = NeedObjective.value(p, solved.second());
            Row r = new Row(p.candidates().size(), lp.lastStats().variables(), solved.firstMs(), solved.secondMs(),
                    NeedObjective.value(p, solved.first()), lpValue,
                    NeedObjective.value(p, greedy.solve(PlannerComparison.withoutFlattening(p))),
                    // The LP's plan, split among segments afresh, must score what the solver reported.
                    Math.abs(lpValue - lp.lastStats().optimum()) / Math.max(1, Math.abs(lpValue)),
                    PlanObjective.maxViolationKWh(p, solved.first()), PlanObjective.maxViolationKWh(p, solved.second()));
            rows.add(r);
            System.err.printf(Locale.ROOT, "%s %d candidates %d vars %d greedy %.4f LP %.4f ratio %.5f ms greedy %.3f"
                    + " LP %.1f%n", name, i, r.candidates(), r.variables(), r.greedy(), r.lp(), r.greedy() / r.lp(),
                    r.greedyMs(), r.lpMs());
        });
        System.err.printf(Locale.ROOT, "# %s: largest relative gap between the solver's optimum and its plan's"
                + " objective: %.1e%n", name, max(rows, Row::solverGap));
        System.out.printf(Locale.ROOT, "| %s | %d | %.0f | %.0f | %.3f / %.3f | %.1f / %.1f | %.0f | %.5f / %.5f / %.5f"
                        + " | %.5f / %.5f / %.5f | %.1e / %.1e |%n",
                name, rows.size(), median(rows, Row::candidates), median(rows, Row::variables),
                median(rows, Row::greedyMs), max(rows, Row::greedyMs), median(rows, Row::lpMs), max(rows, Row::lpMs),
                median(rows, r -> r.lpMs() / r.greedyMs()),
                median(rows, r -> r.greedy() / r.lp()), max(rows, r -> r.greedy() / r.lp()),
                sum(rows, Row::greedy) / sum(rows, Row::lp),
                median(rows, r -> r.greedyFlat0() / r.lp()), max(rows, r -> r.greedyFlat0() / r.lp()),
                sum(rows, Row::greedyFlat0) / sum(rows, Row::lp),
                max(rows, Row::greedyViolation), max(rows, Row::lpViolation));
    }

    private static double[] of(List<Row> rows, ToDoubleFunction<Row> f) {
        return rows.stream().mapToDouble(f).toArray();
    }

    private static double median(List<Row> rows, ToDoubleFunction<Row> f) {
        return PlannerComparison.median(of(rows, f));
    }

    private static double max(List<Row> rows, ToDoubleFunction<Row> f) {
        return PlannerComparison.max(of(rows, f));
    }

    private static double sum(List<Row> rows, ToDoubleFunction<Row> f) {
        return PlannerComparison.sum(of(rows, f));
    }
}
