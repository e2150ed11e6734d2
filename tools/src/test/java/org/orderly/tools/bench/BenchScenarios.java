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
 * of the system property {@code orderly.scenarios} (separated by {@code File.pathSeparator}), which has no default:
 * the shared scenarios (dense-300, piles-2000, ...) are not in this repository, and a default pointing outside it
 * found them only beside one checkout. Anything else is a path.
 */
public final class BenchScenarios {
    /** Capture every this-many-th problem the planner is asked to solve. */
    public static final int EVERY = Integer.getInteger("orderly.captureEvery", 50);

    private BenchScenarios() {
    }

    /** The system property naming the folders a scenario is looked up in. */
    static final String FOLDERS = "orderly.scenarios";

    public static Path resolve(String name) {
        return resolve(name, System.getProperty(FOLDERS));
    }

    /**
     * @param dirs the folders, separated by {@code File.pathSeparator}; null when not given
     * @throws IllegalArgumentException on one line, saying what is missing and where: no folder given, a folder that
     *                                  is not there, or the scenario in none of them
     */
    static Path resolve(String name, String dirs) {
        if (name.contains("/") || name.endsWith(".json")) {
            return Path.of(name);
        }
        String sep = java.io.File.pathSeparator;
        if (dirs == null || dirs.isBlank()) {
            throw new IllegalArgumentException("scenario " + name + ": no folder to look in; set -D" + FOLDERS + "=DIR" + sep
                    + "DIR... (the shared scenarios' folder) or give the scenario's path");
        }
        for (String dir : dirs.split(sep)) {
            if (!Files.isDirectory(Path.of(dir))) {
                throw new IllegalArgumentException("scenario " + name + ": folder " + Path.of(dir).toAbsolutePath()
                        + " (-D" + FOLDERS + ") does not exist");
            }
            Path p = Path.of(dir, name + ".json");
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new IllegalArgumentException("scenario " + name + ": no " + name + ".json in " + dirs + " (-D" + FOLDERS + ")");
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
                OrderlySettings.defaults(s.penaltyPerKWh(), Duration.ofSeconds(s.stepSeconds())), planner, Runnable::run);
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
