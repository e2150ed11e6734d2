package org.orderly.tools.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.orderly.gateway.core.plan.GreedyPlanner;
import org.orderly.tools.simulate.Metrics;
import org.orderly.tools.simulate.Scenario;

/**
 * Decision time per control cycle of the product policy ({@code OrderlyPolicy.decide}, including
 * the problem building and planning of any replan it triggers), as {@code Simulator} times it
 * around each {@code decide} call over a whole scenario replay. One JVM: {@code warmup} replays
 * first (JIT), then {@code runs} measured replays, each with a fresh policy; prints p50/p99/max per
 * measured replay, their medians, and the time inside the planner per replan.
 *
 * <pre>java -cp ... org.orderly.tools.bench.DecideCycleTiming [--warmup N] [--runs N] SCENARIO...</pre>
 */
public final class DecideCycleTiming {
    private DecideCycleTiming() {
    }

    public static void main(String[] args) {
        BenchArgs parsed = BenchArgs.parse(args, Map.of("--warmup", 1, "--runs", 3), Set.of(),
                List.of("dense-300", "piles-2000"));
        int warmup = parsed.number("--warmup");
        int runs = parsed.number("--runs");
        List<String> names = parsed.names();
        System.out.println("| scenario | piles | cycles per replay | replans per replay | decide ms p50 (per replay)"
                + " | decide ms p99 (per replay) | decide ms max | median p50 | median p99"
                + " | planner.solve ms p50 / p99 (all measured replans) |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        for (String name : names) {
            Scenario s = BenchScenarios.read(name);
            for (int w = 0; w < warmup; w++) {
                BenchScenarios.simulate(s, new GreedyPlanner(), (t, id, pile, kw) -> { });
            }
            double[] p50 = new double[runs];
            double[] p99 = new double[runs];
            double[] max = new double[runs];
            int replans = 0;
            List<Long> solve = new ArrayList<>();
            for (int r = 0; r < runs; r++) {
                RecordingPlanner rec = new RecordingPlanner(new GreedyPlanner(), Integer.MAX_VALUE, 0);
                Metrics m = BenchScenarios.simulate(s, rec, (t, id, pile, kw) -> { });
                Map<String, Object> v = m.values();
                p50[r] = ((Number) v.get("decisionMsP50")).doubleValue();
                p99[r] = ((Number) v.get("decisionMsP99")).doubleValue();
                max[r] = ((Number) v.get("decisionMsMax")).doubleValue();
                replans = rec.calls();
                for (long ns : rec.solveNanos()) {
                    solve.add(ns);
                }
            }
            long[] sv = solve.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf(Locale.ROOT, "| %s | %d | %d | %d | %s | %s | %s | %.3f | %.3f | %.3f / %.3f |%n", name,
                    s.compound().pileCount(), s.steps(), replans, Arrays.toString(p50), Arrays.toString(p99),
                    Arrays.toString(max), PlannerComparison.median(p50), PlannerComparison.median(p99),
                    percentile(sv, 0.5) / 1e6, percentile(sv, 0.99) / 1e6);
        }
    }

    static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
}
