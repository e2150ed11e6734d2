package org.orderly.tools.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.orderly.gateway.core.plan.GreedyPlanner;
import org.orderly.gateway.core.plan.Plan;
import org.orderly.gateway.core.plan.PlanProblem;

/**
 * {@code GreedyPlanner.solve} against {@link LpPlanner#solve} on PlanProblems captured from the
 * product policy running a scenario (every {@link BenchScenarios#EVERY}-th problem it solves),
 * and the greedy alone on a 2,000-pile compound. Each invocation solves the next captured problem,
 * round robin (never reset, so the iterations go round all of them), so the sampled times are a
 * distribution over realistic problems (p50, p99).
 * Scenarios are found through {@code -Dorderly.scenarios} (see {@link BenchScenarios}); run it with
 * {@code tools/bench/planner-bench.sh}.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class PlannerBenchmark {

    /**
     * Problems captured from {@link #scenario()}, given round robin: never reset, so the iterations go round all of
     * them. Each state below names its scenarios by a {@code @Param} of its own (JMH reads the setup from here).
     */
    public abstract static class Captured {
        List<PlanProblem> problems;
        int next;

        abstract String scenario();

        @Setup(Level.Trial)
        public void capture() {
            problems = BenchScenarios.capture(scenario());
            System.out.println("# " + scenario() + ": " + problems.size() + " problems captured");
        }

        PlanProblem nextProblem() {
            PlanProblem p = problems.get(next);
            next = (next + 1) % problems.size();
            return p;
        }
    }

    /** Problems from the compounds small enough for both algorithms. */
    @State(Scope.Thread)
    public static class Compared extends Captured {
        @Param({"compound-150", "dense-300"})
        public String scenario;

        @Override
        String scenario() {
            return scenario;
        }
    }

    /** Problems from the synthetic 2,000-pile compound (greedy only). */
    @State(Scope.Thread)
    public static class Large extends Captured {
        @Param({"piles-2000"})
        public String scenario;

        @Override
        String scenario() {
            return scenario;
        }
    }

    @State(Scope.Thread)
    public static class Planners {
        final GreedyPlanner greedy = new GreedyPlanner();
        final LpPlanner lp = new LpPlanner();
    }

    @Benchmark
    public Plan greedy(Compared c, Planners p) {
        return p.greedy.solve(c.nextProblem());
    }

    /** Longer iterations: each must go round the captured problems (tens of ms to a second each) more than once. */
    @Benchmark
    @Warmup(iterations = 1, time = 10)
    @Measurement(iterations = 3, time = 10)
    public Plan lp(Compared c, Planners p) {
        return p.lp.solve(c.nextProblem());
    }

    @Benchmark
    public Plan greedyLarge(Large c, Planners p) {
        return p.greedy.solve(c.nextProblem());
    }
}
