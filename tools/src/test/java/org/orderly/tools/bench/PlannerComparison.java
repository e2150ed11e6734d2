package org.orderly.tools.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.orderly.gateway.core.plan.GreedyPlanner;
import org.orderly.gateway.core.plan.PlanProblem;
import org.orderly.gateway.core.plan.Planner;
import org.orderly.gateway.core.plan.PlannerSettings;

/**
 * Greedy against LP on the same captured problems, side by side in one JVM: for each problem both
 * planners solve it {@code reps} times, interleaved (order alternating), after a warm-up pass over
 * all problems; the per-problem median times give the time ratio, and {@link PlanObjective} the
 * objective ratio. Prints a Markdown table per scenario and a summary line.
 *
 * <pre>java -cp ... org.orderly.tools.bench.PlannerComparison [--reps N] [--warmup N] SCENARIO...</pre>
 */
public final class PlannerComparison {
    private PlannerComparison() {
    }

    public static void main(String[] args) {
        BenchArgs parsed = BenchArgs.parse(args, Map.of("--reps", 5, "--warmup", 2), Set.of("--per-problem"),
                List.of("compound-150", "dense-300"));
        int reps = parsed.number("--reps");
        int warmup = parsed.number("--warmup");
        boolean perProblem = parsed.flag("--per-problem");
        List<String> names = parsed.names();
        System.out.println("| scenario | problems | candidates p50 | LP vars p50 | greedy ms p50 / max | LP ms p50 / max"
                + " | greedy/LP time p50 [min, max] | LP/greedy time p50 | greedy/LP objective p50 / max / sum"
                + " | same, greedy with flatteningPerKWh=0 | unplaced kWh greedy / LP | max violation kWh greedy / LP |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (String name : names) {
            run(name, reps, warmup, perProblem);
        }
    }

    private static void run(String name, int reps, int warmup, boolean perProblem) {
        List<PlanProblem> problems = BenchScenarios.capture(name);
        System.err.println("# " + name + ": " + problems.size() + " problems, settings " + problems.get(0).settings());
        Planner greedy = new GreedyPlanner();
        LpPlanner lp = new LpPlanner();
        int n = problems.size();
        double[] gMs = new double[n];
        double[] lMs = new double[n];
        double[] timeRatio = new double[n];
        double[] objRatio = new double[n];
        double[] flatRatio = new double[n];
        double[] gObj = new double[n];
        double[] lObj = new double[n];
        double[] fObj = new double[n];
        double[] gap = new double[n];
        double[] cands = new double[n];
        double[] vars = new double[n];
        double[] gUnplaced = new double[n];
        double[] lUnplaced = new double[n];
        double[] gViol = new double[n];
        double[] lViol = new double[n];
        if (perProblem) {
            System.err.println("problem\tcandidates\tlpVars\tgreedyMs\tlpMs\tgreedyObj\tlpObj\tratio");
        }
        SideBySide.run(problems, greedy, lp, reps, warmup, (i, p, solved) -> {
            gMs[i] = solved.firstMs();
            lMs[i] = solved.secondMs();
            timeRatio[i] = lMs[i] / gMs[i];
            gObj[i] = PlanObjective.value(p, solved.first());
            lObj[i] = PlanObjective.value(p, solved.second());
            objRatio[i] = gObj[i] / lObj[i];
            // The solver's own optimum plus the dropped constant must be the objective of the plan it returned.
            double check = lp.lastStats().lpValue() + PlanObjective.unmetCostPerKWh(p) * PlanObjective.wantedKWh(p);
            gap[i] = Math.abs(check - lObj[i]) / Math.max(1, Math.abs(lObj[i]));
            fObj[i] = PlanObjective.value(p, greedy.solve(withoutFlattening(p)));
            flatRatio[i] = fObj[i] / lObj[i];
            double wanted = PlanObjective.wantedKWh(p);
            gUnplaced[i] = wanted - PlanObjective.placedKWh(p, solved.first());
            lUnplaced[i] = wanted - PlanObjective.placedKWh(p, solved.second());
            gViol[i] = PlanObjective.maxViolationKWh(p, solved.first());
            lViol[i] = PlanObjective.maxViolationKWh(p, solved.second());
            cands[i] = p.candidates().size();
            vars[i] = lp.lastStats().variables();
            if (perProblem) {
                System.err.printf(Locale.ROOT, "%d\t%d\t%d\t%.3f\t%.3f\t%.4f\t%.4f\t%.5f%n", i, p.candidates().size(),
                        lp.lastStats().variables(), gMs[i], lMs[i], gObj[i], lObj[i], objRatio[i]);
            }
        });
        System.err.printf(Locale.ROOT, "# %s: largest relative gap between ojAlgo's reported optimum and the LP plan's"
                + " objective: %.1e%n", name, max(gap));
        double[] speed = new double[n];
        for (int i = 0; i < n; i++) {
            speed[i] = 1 / timeRatio[i];
        }
        System.out.printf(Locale.ROOT,
                "| %s | %d | %.0f | %.0f | %.3f / %.3f | %.1f / %.1f | %.5f [%.5f, %.5f] | %.0f | %.5f / %.5f / %.5f"
                        + " | %.5f / %.5f / %.5f | %.1f / %.1f | %.1e / %.1e |%n",
                name, n, median(cands), median(vars), median(gMs), max(gMs), median(lMs), max(lMs), median(speed),
                min(speed), max(speed), median(timeRatio), median(objRatio), max(objRatio), sum(gObj) / sum(lObj),
                median(flatRatio), max(flatRatio), sum(fObj) / sum(lObj), sum(gUnplaced), sum(lUnplaced), max(gViol),
                max(lViol));
    }

    /** The same problem with the greedy's flattening surcharge switched off (the LP has none). */
    static PlanProblem withoutFlattening(PlanProblem p) {
        PlannerSettings s = p.settings();
        PlannerSettings flat0 = new PlannerSettings(s.horizon(), s.penaltyPerKWh(), s.energyQuantile(),
                s.urgencyQuantile(), s.baseMarginShare(), s.baseMarginKw(), 0.0, s.riskAversion());
        return new PlanProblem(p.now(), p.compound(), flat0, p.bounds(), p.hours(), p.price(), p.expectedBaseKw(),
                p.limitKw(), p.roomKWh(), p.candidates());
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int m = s.length / 2;
        return s.length == 0 ? Double.NaN : s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
    }

    static double max(double[] v) {
        return Arrays.stream(v).max().orElse(Double.NaN);
    }

    static double sum(double[] v) {
        return Arrays.stream(v).sum();
    }

    static double min(double[] v) {
        return Arrays.stream(v).min().orElse(Double.NaN);
    }
}
