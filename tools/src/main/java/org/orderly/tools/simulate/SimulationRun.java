package org.orderly.tools.simulate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.orderly.gateway.core.policy.ChargingPolicy;
import org.orderly.gateway.core.time.VirtualClock;

/**
 * One run of {@code orderly simulate}: the policy, the simulator, and the two output files. Each
 * file is written under a temporary name and moved into place when complete, so a failed run never
 * leaves a half-written result that looks whole.
 */
public final class SimulationRun {
    private SimulationRun() {
    }

    public static Metrics run(Scenario scenario, String policyName, Path out, boolean gzip) throws IOException {
        VirtualClock clock = new VirtualClock(scenario.start(), scenario.zone());
        return run(scenario, Policies.create(policyName, scenario, clock), clock, out, gzip);
    }

    /** Runs a policy built by the caller (another planning algorithm, say) on {@code clock}. */
    public static Metrics run(Scenario scenario, ChargingPolicy policy, VirtualClock clock, Path out, boolean gzip)
            throws IOException {
        Files.createDirectories(out);
        String csvName = gzip ? "delivered.csv.gz" : "delivered.csv";
        Path csvTmp = out.resolve(csvName + ".partial");
        Metrics metrics;
        try (DeliveredCsv csv = new DeliveredCsv(csvTmp, scenario.offset(), gzip)) {
            metrics = new Simulator(scenario, policy, clock).run(csv);
        }
        Files.deleteIfExists(out.resolve(gzip ? "delivered.csv" : "delivered.csv.gz"));
        Files.move(csvTmp, out.resolve(csvName), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Path metricsTmp = out.resolve("metrics.json.partial");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(metricsTmp.toFile(), metrics.values());
        Files.move(metricsTmp, out.resolve("metrics.json"), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        return metrics;
    }
}
