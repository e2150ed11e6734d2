package org.orderly.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import org.orderly.gateway.core.plan.PlannerSettings;
import org.orderly.gateway.files.Directories;
import org.orderly.tools.simulate.Metrics;
import org.orderly.tools.simulate.Policies;
import org.orderly.tools.simulate.Scenario;
import org.orderly.tools.simulate.ScenarioException;
import org.orderly.tools.simulate.ScenarioReader;
import org.orderly.tools.simulate.SimulationRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Replay a scenario (orderly-scenario/1) in virtual time; write delivered.csv and metrics.json.")
final class SimulateCommand implements Callable<Integer> {
    private static final double MIN_RISK_AVERSION = 0.1;
    private static final double MAX_RISK_AVERSION = 100;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SCENARIO", description = "the scenario JSON file")
    Path scenarioFile;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder (created if missing)")
    Path out;

    @Option(names = "--policy", defaultValue = "orderly", paramLabel = "NAME",
            description = "orderly (default), uncontrolled, equal-share; for diagnosis: clairvoyant (the product's "
                    + "planning told every departure and energy) or clairvoyant-departure (told every departure)")
    String policy;

    @Option(names = "--gzip", description = "write delivered.csv.gz instead of delivered.csv")
    boolean gzip;

    @Option(names = "--beliefs", description = "also write beliefs.csv: what the policy believed of each session's "
            + "stay and energy when it plugged in (percentiles), to check calibration with "
            + "tools/bench/belief-calibration.py")
    boolean beliefs;

    @Option(names = "--risk-aversion", paramLabel = "X",
            description = "weigh a kWh a resident leaves without at X times the scenario's penaltyPerKWh when "
                    + "planning (the product's is " + PlannerSettings.RISK_AVERSION + "; from " + MIN_RISK_AVERSION
                    + " to " + MAX_RISK_AVERSION + "): to measure how the cost trades against the delivered share")
    Double riskAversion;

    @Override
    public Integer call() throws Exception {
        if (!Policies.NAMES.contains(policy)) {
            spec.commandLine().getErr().println("simulate: unknown policy '" + policy + "'; known: "
                    + String.join(", ", Policies.NAMES));
            return 2;
        }
        if (beliefs && !Policies.BELIEVING.contains(policy)) {
            spec.commandLine().getErr().println("simulate: --beliefs: " + Policies.formsNoBeliefs(policy));
            return 2;
        }
        UnaryOperator<PlannerSettings> tuning = UnaryOperator.identity();
        if (riskAversion != null) {
            if (!Policies.BELIEVING.contains(policy)) {
                spec.commandLine().getErr().println("simulate: --risk-aversion: " + Policies.plansNothing(policy));
                return 2;
            }
            if (!(riskAversion >= MIN_RISK_AVERSION && riskAversion <= MAX_RISK_AVERSION)) {
                spec.commandLine().getErr().println("simulate: --risk-aversion must be from " + MIN_RISK_AVERSION
                        + " to " + MAX_RISK_AVERSION + ", was " + riskAversion);
                return 2;
            }
            double chosen = riskAversion;
            tuning = planner -> planner.withRiskAversion(chosen);
        }
        Scenario scenario;
        try {
            scenario = new ScenarioReader().read(scenarioFile);
        } catch (ScenarioException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return 2;
        }
        String notAFolder = outFolder();
        if (notAFolder != null) {
            spec.commandLine().getErr().println("simulate: --out: " + notAFolder);
            return 2;
        }
        Metrics metrics = beliefs ? SimulationRun.runRecordingBeliefs(scenario, policy, tuning, out, gzip)
                : SimulationRun.run(scenario, policy, tuning, out, gzip);
        spec.commandLine().getOut().println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(metrics.values()));
        return 0;
    }

    /** Null when no result's name is taken by a folder (a run that found one after the simulation would half-write). */
    private String resultNamesFree() {
        for (String name : List.of("delivered.csv", "delivered.csv.gz", "metrics.json", "beliefs.csv")) {
            Path p = out.resolve(name);
            if (Files.isDirectory(p)) {
                return p + " is a folder; the run writes a file of that name";
            }
        }
        return null;
    }

    /** Creates the output folder if missing; null when it is one, else what is wrong, in one line. */
    private String outFolder() {
        if (out.toString().isEmpty()) {
            return "empty; name a folder";
        }
        if (Files.isDirectory(out)) {
            return resultNamesFree();
        }
        if (Files.exists(out, LinkOption.NOFOLLOW_LINKS)) {
            return out + " exists and is not a folder";
        }
        for (Path p = out.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
            if (Files.exists(p) && !Files.isDirectory(p)) {
                return "cannot create " + out + ": " + p + " is not a folder";
            }
        }
        try {
            Directories.create(out);
            return resultNamesFree();
        } catch (AccessDeniedException e) {
            return "cannot create " + out + ": permission denied";
        } catch (FileSystemException e) {
            String why = e.getReason() == null ? "not possible there" : e.getReason().replaceAll("\\s+", " ");
            return "cannot create " + out + ": " + why;
        } catch (IOException e) {
            return "cannot create " + out;
        }
    }
}
