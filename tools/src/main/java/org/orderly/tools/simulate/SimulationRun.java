package org.orderly.tools.simulate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.orderly.gateway.core.plan.PlannerSettings;
import org.orderly.gateway.core.policy.ChargingPolicy;
import org.orderly.gateway.core.time.VirtualClock;
import org.orderly.gateway.files.AtomicFile;
import org.orderly.gateway.files.Directories;

/**
 * One run of {@code orderly simulate}: the policy, the simulator, and the output files. Each
 * file is written under a temporary name and moved into place when complete, so a failed run never
 * leaves a half-written result that looks whole; forced to the disk before and after the move
 * ({@link AtomicFile#moveIntoPlace}), so after a power cut each holds the old result or the whole new one,
 * and a run that has returned is on the disk, in an output folder forced into its parent if the run made it.
 */
public final class SimulationRun {
    private static final String BELIEFS = "beliefs.csv";

    private SimulationRun() {
    }

    /** @param tuning changes the planner's settings from the product's ({@link Policies#create}) */
    public static Metrics run(Scenario scenario, String policyName, UnaryOperator<PlannerSettings> tuning, Path out,
                              boolean gzip) throws IOException {
        VirtualClock clock = new VirtualClock(scenario.start(), scenario.zone());
        return run(scenario, Policies.create(policyName, scenario, UnaryOperator.identity(), tuning), clock, out, gzip);
    }

    /**
     * Also writes {@code beliefs.csv}: every belief the policy forms about a session (it must be one of
     * {@link Policies#BELIEVING}).
     */
    public static Metrics runRecordingBeliefs(Scenario scenario, String policyName,
                                              UnaryOperator<PlannerSettings> tuning, Path out, boolean gzip)
            throws IOException {
        if (!Policies.BELIEVING.contains(policyName)) {
            throw new IllegalArgumentException(Policies.formsNoBeliefs(policyName));
        }
        VirtualClock clock = new VirtualClock(scenario.start(), scenario.zone());
        Directories.create(out);
        Path beliefsTmp = out.resolve("beliefs.csv.partial");
        Metrics metrics;
        try (Writer beliefs = Files.newBufferedWriter(beliefsTmp, StandardCharsets.UTF_8)) {
            beliefs.write(RecordedBeliefs.HEADER);
            ChargingPolicy policy = Policies.create(policyName, scenario,
                    learned -> new RecordedBeliefs(learned, clock, scenario.offset(), beliefs), tuning);
            metrics = run(scenario, policy, clock, out, gzip);
        } catch (IOException | RuntimeException | Error e) {
            Files.deleteIfExists(beliefsTmp);
            throw e;
        }
        AtomicFile.moveIntoPlace(beliefsTmp, out.resolve(BELIEFS));
        return metrics;
    }

    /** Runs a policy built by the caller (another planning algorithm, say) on {@code clock}. */
    public static Metrics run(Scenario scenario, ChargingPolicy policy, VirtualClock clock, Path out, boolean gzip)
            throws IOException {
        Directories.create(out);
        // an earlier run's beliefs would read as this run's (a recording run writes its own after this)
        Files.deleteIfExists(out.resolve(BELIEFS));
        String csvName = gzip ? "delivered.csv.gz" : "delivered.csv";
        Path csvTmp = out.resolve(csvName + ".partial");
        Path metricsTmp = out.resolve("metrics.json.partial");
        Metrics metrics;
        try {
            try (DeliveredCsv csv = new DeliveredCsv(csvTmp, scenario.offset(), gzip)) {
                metrics = new Simulator(scenario, policy, clock).run(csv);
            }
            // both complete before either is moved into place
            Files.write(metricsTmp, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsBytes(metrics.values()));
        } catch (IOException | RuntimeException | Error e) {
            Files.deleteIfExists(csvTmp);
            Files.deleteIfExists(metricsTmp);
            throw e;
        }
        Files.deleteIfExists(out.resolve(gzip ? "delivered.csv" : "delivered.csv.gz"));
        AtomicFile.moveIntoPlace(csvTmp, out.resolve(csvName));
        AtomicFile.moveIntoPlace(metricsTmp, out.resolve("metrics.json"));
        return metrics;
    }
}
