package org.orderly.tools.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.testkit.Mosquitto;

/**
 * A gateway's {@code baseKw} may be an upper bound of its households' load, not a measurement (telemetry's
 * {@code baseBound}, since 2026-12-06: a car's draw not known to be in the reading counted in it), which telemetry's
 * docs say to leave out of a sum of households or count as at most. The aggregate sums it apart as well
 * ({@code baseBoundKw}, the last column), live and in the merge of its journal, whose lines keep it. Three gateways
 * through Mosquitto, 100 kW of households each: one says a bound, one a measurement, one nothing (before 2026-12-06).
 * Until 2026-12-06 the row said 300 kW of households with nothing telling the 100 kW bound apart; then, until
 * the end of that day, it said the old gateway's 100 kW as measured ({@code baseKw - baseBoundKw}), though it may hide a
 * bound: now that part is summed apart too ({@code baseKindUnknownKw}).
 */
class BoundHouseholdsSumTest {
    @TempDir
    Path dir;

    @Test
    void theHouseholdsThatAreABoundAreSummedApart() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        try (Mosquitto broker = Mosquitto.start(dir)) {
            AggregateInstance agg = new AggregateInstance(broker.url(), "bounds", "bounds", dir);
            try (GatewayPublisher publisher = new GatewayPublisher(broker.url(), "bounds-gateways")) {
                publisher.publish(TelemetryJson.topic("gw-bound"), saying(TelemetryJson.of("gw-bound", 1, now, 5), "true"));
                publisher.publish(TelemetryJson.topic("gw-measured"),
                        saying(TelemetryJson.of("gw-measured", 1, now, 5), "false"));
                publisher.publish(TelemetryJson.topic("gw-old"), TelemetryJson.of("gw-old", 1, now, 5));
                SharedSubscriptionTest.awaitTrue(Duration.ofSeconds(20), () -> agg.counters().accepted() == 3);
            } finally {
                agg.close();
            }

            List<String> rows = Files.readAllLines(agg.out);
            List<String> header = Arrays.asList(rows.get(0).split(","));
            assertThat(header.get(header.size() - 2)).as("a column added last").isEqualTo("baseBoundKw");
            assertThat(header.get(header.size() - 1)).as("and one after it").isEqualTo("baseKindUnknownKw");
            String[] last = rows.get(rows.size() - 1).split(",");
            assertThat(last[header.indexOf("gateways")]).isEqualTo("3");
            assertThat(last[header.indexOf("baseKw")]).as("every gateway's households, as before").isEqualTo("300.000");
            assertThat(last[header.indexOf("baseBoundKw")]).as("of them, the bound's: %s", rows).isEqualTo("100.000");
            assertThat(last[header.indexOf("baseKindUnknownKw")]).as("and the old gateway's, which says neither: %s", rows)
                    .isEqualTo("100.000");
            assertThat(agg.journalled()).filteredOn(j -> j.has("baseBound"))
                    .extracting(j -> j.get("gatewayId").asText() + "=" + j.get("baseBound").asBoolean())
                    .containsExactlyInAnyOrder("gw-bound=true", "gw-measured=false");

            List<BucketRow> merged = JournalMerge.merge(List.of(agg.journal), Duration.ofMinutes(1));
            assertThat(merged).hasSize(1);
            assertThat(merged.get(0).baseKw()).isEqualTo(300.0);
            assertThat(merged.get(0).baseBoundKw()).as("the merge, from the journal").isEqualTo(100.0);
            assertThat(merged.get(0).baseKindUnknownKw()).as("the merge, from the journal").isEqualTo(100.0);
            assertThat(ExportFormat.JSONL.line(merged.get(0))).contains("\"baseBoundKw\":100.0,\"baseKindUnknownKw\":100.0");
        }
    }

    /** The gateway's telemetry saying {@code baseBound}, beside its {@code baseKw}. */
    private static String saying(String telemetry, String baseBound) {
        return telemetry.replace("\"evKw\":", "\"baseBound\":" + baseBound + ",\"evKw\":");
    }
}
