package org.orderly.tools.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.tools.aggregate.LineFile.Durability;

/**
 * Telemetry from a gateway whose clock is wrong (1970 after a power cut, docs/operations.md "The clock") is rejected
 * against the time it was received, kept in the dead-letter file and counted, and never becomes a bucket row; a
 * backlog the gateway's outbox kept through an outage is taken.
 */
class ImplausibleTsTest {
    private static final Instant NOW = Instant.parse("2026-11-29T12:00:30Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Aggregator aggregator() throws IOException {
        return new Aggregator("ts", Duration.ofMinutes(1), Duration.ofSeconds(15),
                new TsBounds(Duration.ofMinutes(5), Duration.ofHours(192)),
                new LineFile(dir.resolve("load.csv"), ExportFormat.CSV.header(), Durability.EACH_LINE),
                ExportFormat.CSV, AggregateCommand.openJournal(dir.resolve("journal.jsonl")),
                AggregateCommand.openJournal(dir.resolve("dead-letter.jsonl")), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static byte[] telemetry(long seq, Instant ts) {
        return TelemetryJson.of("gw-1", seq, ts, 1).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void telemetryAt1970IsRejectedKeptAndCountedAndNeverExported() throws IOException {
        Instant at1970 = Instant.parse("1970-01-01T00:03:12Z");
        List<BucketRow> rows = new ArrayList<>();
        try (Aggregator aggregator = aggregator()) {
            // Before the first export, when the 1970 reading could open a bucket, and after it.
            Aggregator.Taken first = aggregator.accept(TelemetryJson.topic("gw-1"), telemetry(1, at1970));
            rows.addAll(aggregator.exportDue());
            aggregator.accept(TelemetryJson.topic("gw-1"), telemetry(2, at1970.plusSeconds(5)));
            rows.addAll(aggregator.exportDue());

            assertThat(rows).extracting(BucketRow::start).isEmpty();
            assertThat(aggregator.counters().late()).isZero();
            assertThat(first.inbound()).isInstanceOf(Inbound.Rejected.class);
            assertThat(((Inbound.Rejected) first.inbound()).reason())
                    .isEqualTo("ts 1970-01-01T00:03:12Z lies more than 192 h before this machine's clock"
                            + " (2026-11-29T12:00:30Z): earlier than 2026-11-21T12:00:30Z, older than a gateway's"
                            + " outbox keeps a message, so the gateway's clock was wrong");
            Aggregator.Counters c = aggregator.counters();
            assertThat(c.rejected()).isEqualTo(2);
            assertThat(c.accepted()).isZero();
            assertThat(c.late()).isZero();
            aggregator.force();
        }
        assertThat(Files.readAllLines(dir.resolve("load.csv"))).hasSize(1); // the header only
        List<JsonNode> dead = lines(dir.resolve("dead-letter.jsonl"));
        assertThat(dead).hasSize(2);
        assertThat(dead.get(0).get("kind").asText()).isEqualTo("rejected");
        assertThat(dead.get(0).get("reason").asText()).startsWith("ts 1970-01-01T00:03:12Z lies more than 192 h");
        assertThat(Base64.getDecoder().decode(dead.get(0).get("payloadBase64").asText()))
                .isEqualTo(telemetry(1, at1970));
    }

    @Test
    void aBacklogWithinTheOutboxAgeIsTakenAndExported() throws IOException {
        Instant weekAgo = Instant.parse("2026-11-22T12:00:10Z"); // 168 h and 20 s before NOW
        try (Aggregator aggregator = aggregator()) {
            assertThat(aggregator.accept(TelemetryJson.topic("gw-1"), telemetry(1, weekAgo)).inbound())
                    .isInstanceOf(Inbound.TelemetryMessage.class);
            assertThat(aggregator.accept(TelemetryJson.topic("gw-1"), telemetry(2, NOW.minusSeconds(90))).inbound())
                    .isInstanceOf(Inbound.TelemetryMessage.class);

            assertThat(aggregator.exportDue()).extracting(BucketRow::start)
                    .containsExactly(Instant.parse("2026-11-22T12:00:00Z"), Instant.parse("2026-11-29T11:59:00Z"));
            assertThat(aggregator.counters().rejected()).isZero();
        }
    }

    private static List<JsonNode> lines(Path file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            out.add(JSON.readTree(line));
        }
        return out;
    }
}
