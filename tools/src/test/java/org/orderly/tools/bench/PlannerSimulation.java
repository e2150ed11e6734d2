package org.orderly.tools.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.orderly.gateway.core.plan.GreedyPlanner;
import org.orderly.gateway.core.plan.Planner;
import org.orderly.tools.simulate.Metrics;
import org.orderly.tools.simulate.Scenario;
import org.orderly.tools.simulate.SimulationRun;
import org.orderly.gateway.core.time.VirtualClock;

/**
 * A whole {@code orderly simulate --policy orderly} run of a scenario with a chosen planning
 * algorithm in the product policy: {@code greedy} (the product's) or {@code lp} ({@link LpPlanner}).
 * Writes {@code OUT/delivered.csv} (the format of {@code orderly simulate}, for
 * {@code ../shared/tools/score.py}) and {@code OUT/metrics.json} (the simulator's metrics plus the
 * planner's call count and time).
 *
 * <pre>java -cp ... org.orderly.tools.bench.PlannerSimulation SCENARIO greedy|lp OUTDIR</pre>
 */
public final class PlannerSimulation {
    private PlannerSimulation() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: PlannerSimulation SCENARIO greedy|lp OUTDIR");
            System.exit(2);
        }
        Scenario s = BenchScenarios.read(args[0]);
        Planner inner = switch (args[1]) {
            case "greedy" -> new GreedyPlanner();
            case "lp" -> new LpPlanner();
            default -> throw new IllegalArgumentException("planner must be greedy or lp, got " + args[1]);
        };
        Path out = Path.of(args[2]);
        RecordingPlanner rec = new RecordingPlanner(inner, Integer.MAX_VALUE, 0);
        VirtualClock clock = new VirtualClock(s.start(), s.zone());
        Metrics m = SimulationRun.run(s, BenchScenarios.policy(s, rec), clock, out, false);
        long[] ns = rec.solveNanos();
        java.util.Arrays.sort(ns);
        Map<String, Object> v = new LinkedHashMap<>(m.values());
        v.put("planner", args[1]);
        v.put("plannerCalls", rec.calls());
        v.put("plannerMsP50", DecideCycleTiming.percentile(ns, 0.5) / 1e6);
        v.put("plannerMsP99", DecideCycleTiming.percentile(ns, 0.99) / 1e6);
        v.put("plannerSecondsTotal", java.util.Arrays.stream(ns).sum() / 1e9);
        String json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(v);
        Files.writeString(out.resolve("metrics.json"), json);
        System.out.println(json);
    }
}
