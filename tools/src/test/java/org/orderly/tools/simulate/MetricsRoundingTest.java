package org.orderly.tools.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * metrics.json rounds as ../shared/tools/score.py does (docs/scenario.md): Python's {@code round(x, n)} rounds the
 * double's exact value, half to even, so 102.35 (the double 102.34999999999999431...) is 102.3 and 2.675 is 2.67.
 * Rounding {@code x * 10^n} half up took the product, already rounded to 1023.5, up to 102.4. The scenario
 * (scenarios/rounding-ties.json) has a base load of 102.35 kW, the peak, and one car wanting 2.675 kWh.
 */
class MetricsRoundingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SCORER_DEADLINE_SECONDS = 120;

    @TempDir
    static Path out;

    private static Path scenario;
    private static JsonNode metrics;

    @BeforeAll
    static void simulate() throws Exception {
        scenario = Path.of(MetricsRoundingTest.class.getResource("/scenarios/rounding-ties.json").toURI());
        SimulationRun.run(new ScenarioReader().read(scenario), "uncontrolled", UnaryOperator.identity(), out, false);
        metrics = JSON.readTree(out.resolve("metrics.json").toFile());
    }

    @Test
    void aValueJustBelowAHalfRoundsDownAsInPython() {
        assertThat(metrics.get("peakKw").asDouble()).isEqualTo(102.3);
        assertThat(metrics.get("energyRequestedKWh").asDouble()).isEqualTo(2.67);
    }

    /** Every metric score.py also computes is the same number in both, to the last digit written. */
    @Test
    void everySharedMetricIsWhatScorePySays() throws Exception {
        Optional<Path> scorer = scorer();
        if (scorer.isEmpty()) {
            String why = "../shared/tools/score.py not found above " + Path.of("").toAbsolutePath()
                    + " (the shared folder beside the repository; -Dorderly.scorer=PATH names another)";
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(why);
            }
            Assumptions.abort(why);
        }
        JsonNode score = JSON.readTree(runScorer(scorer.get()));
        List<String> shared = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = metrics.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> m = it.next();
            if (m.getValue().isNumber() && score.has(m.getKey())) {
                shared.add(m.getKey());
                assertThat(m.getValue().asDouble()).as(m.getKey()).isEqualTo(score.get(m.getKey()).asDouble());
            }
        }
        assertThat(shared).contains("peakKw", "energyRequestedKWh", "energyDeliveredKWh", "deliveredShare", "cost",
                "residentCost", "loadFactor", "overloadKWh", "overloadSteps", "sessions", "sessionsFullyServed");
    }

    private static Optional<Path> scorer() {
        String given = System.getProperty("orderly.scorer");
        if (given != null) {
            return Optional.of(Path.of(given));
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path p = dir.resolve("shared/tools/score.py");
            if (Files.isRegularFile(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** score.py without its LP bound, which needs scipy and is no metric of simulate's. */
    private static String runScorer(Path scorer) throws IOException, InterruptedException {
        Path stdout = out.resolve("score.json");
        Path stderr = out.resolve("score.err");
        Process p = new ProcessBuilder("python3", scorer.toString(), scenario.toString(), out.toString(), "--no-bound")
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        if (!p.waitFor(SCORER_DEADLINE_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(scorer + " did not finish in " + SCORER_DEADLINE_SECONDS + " s");
        }
        String err = Files.readString(stderr, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("score.py's exit code; its stderr: " + err).isZero();
        return Files.readString(stdout, StandardCharsets.UTF_8);
    }
}
