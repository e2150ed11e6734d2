package org.orderly.tools.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.orderly.gateway.core.plan.GreedyPlanner;
import org.orderly.gateway.core.plan.PlanProblem;
import org.orderly.gateway.core.plan.Planner;
import org.orderly.gateway.core.policy.OrderlyPolicy;
import org.orderly.gateway.core.policy.OrderlySettings;
import org.orderly.gateway.core.time.VirtualClock;
import org.orderly.tools.simulate.Metrics;
import org.orderly.tools.simulate.Scenario;
import org.orderly.tools.simulate.ScenarioException;
import org.orderly.tools.simulate.ScenarioReader;
import org.orderly.tools.simulate.Simulator;

/**
 * Finds the benchmark scenarios and turns them into realistic {@link PlanProblem}s by running the
 * product policy over them. A name without a slash is looked up as {@code NAME.json} in each folder
 * of the system property {@code orderly.scenarios} (separated by {@code File.pathSeparator}; default
 * {@code ../shared/scenarios}, i.e. relative to the project root); anything else is a path.
 */
public final class BenchScenarios {
    /** Capture every this-many-th problem the planner is asked to solve. */
    public static final int EVERY = Integer.getInteger("orderly.captureEvery", 50);

    private BenchScenarios() {
    }

    public static Path resolve(String name) {
        if (name.contains("/") || name.endsWith(".json")) {
            return Path.of(name);
        }
        String dirs = System.getProperty("orderly.scenarios", "../shared/scenarios");
        for (String dir : dirs.split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir, name + ".json");
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new UncheckedIOException(new IOException("scenario " + name + ".json not found in " + dirs
                + " (set -Dorderly.scenarios=DIR" + java.io.File.pathSeparator + "DIR...)"));
    }

    public static Scenario read(String name) {
        try {
            return new ScenarioReader().read(resolve(name));
        } catch (ScenarioException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** The product policy, as {@code orderly simulate --policy orderly} builds it, with {@code planner}. */
    public static OrderlyPolicy policy(Scenario s, Planner planner) {
        return new OrderlyPolicy(s.compound(), s.tariff(),
                OrderlySettings.defaults(s.penaltyPerKWh(), Duration.ofSeconds(s.stepSeconds())), planner);
    }

    /** Runs the whole scenario with {@code planner} in the product policy; {@code sink} gets every draw. */
    public static Metrics simulate(Scenario s, Planner planner, Simulator.DrawSink sink) {
        VirtualClock clock = new VirtualClock(s.start(), s.zone());
        try {
            return new Simulator(s, policy(s, planner), clock).run(sink);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every {@link #EVERY}-th problem the greedy product policy solves over the whole scenario. */
    public static List<PlanProblem> capture(String name) {
        return capture(read(name), EVERY, Integer.MAX_VALUE);
    }

    public static List<PlanProblem> capture(Scenario s, int every, int limit) {
        RecordingPlanner rec = new RecordingPlanner(new GreedyPlanner(), every, limit);
        simulate(s, rec, (t, session, pile, kw) -> { });
        List<PlanProblem> out = new ArrayList<>();
        for (PlanProblem p : rec.captured()) {
            if (!p.candidates().isEmpty()) {
                out.add(p);
            }
        }
        return out;
    }
}
