package org.orderly.tools.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.testkit.Mosquitto;

/**
 * A gateway whose outbox queue was full dropped messages before it numbered them and says how many in an
 * {@code outbox.dropped} event (docs/upstream.md, "Delivery: the outbox", step 1): they leave no gap, so without the
 * event the grid side could not know of them. Published to Mosquitto as gateways do, with the count as the event's
 * field {@code dropped} (since 2026-12-01) and in its text only (before); the aggregate counts them as
 * {@code outboxDropped}, once per event however often it arrives, live and in the merge of its journal.
 */
class GatewayDroppedTest {
    @TempDir
    Path dir;

    @Test
    void messagesAGatewayDroppedBeforeNumberingThemAreCountedOncePerEvent() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        try (Mosquitto broker = Mosquitto.start(dir)) {
            AggregateInstance agg = new AggregateInstance(broker.url(), "drops", "drops", dir);
            try (GatewayPublisher publisher = new GatewayPublisher(broker.url(), "drops-gateways")) {
                publisher.telemetry("gw-field", 1, now);
                String withField = GatewayJson.droppedEvent("gw-field", 2, now, 5);
                publisher.publish(GatewayJson.topic("gw-field", "events"), withField);
                publisher.telemetry("gw-field", 3, now);
                // The same event again (the gateway's outbox delivers at least once): not counted twice.
                publisher.publish(GatewayJson.topic("gw-field", "events"), withField);
                // A gateway before 2026-12-01 says it in the text only.
                publisher.telemetry("gw-text", 1, now);
                publisher.publish(GatewayJson.topic("gw-text", "events"), GatewayJson.event("gw-text", 2, now,
                        "outbox.dropped", "outbox", GatewayJson.droppedText(7, 7)));
                publisher.publish(GatewayJson.topic("gw-text", "events"), GatewayJson.event("gw-text", 3, now,
                        "outbox.dropped", "outbox", GatewayJson.droppedText(4, 11)));
                publisher.telemetry("gw-text", 4, now);
                SharedSubscriptionTest.awaitTrue(Duration.ofSeconds(20),
                        () -> agg.counters().accepted() == 7 && agg.counters().duplicates() == 1);
            } finally {
                agg.close();
            }

            Skips expected = new Skips(0, 0, 0, 0, 16);
            Aggregator.Counters c = agg.counters();
            assertThat(c.openGaps()).as("dropped messages were never numbered").isZero();
            assertThat(c.skipped()).isEqualTo(expected);
            List<String> rows = Files.readAllLines(agg.out);
            assertThat(rows.get(0)).endsWith(",outboxSetAside,outboxTrimmed,outboxTimeUnknown,storeMovedAside"
                    + ",outboxDropped,baseBoundKw,baseKindUnknownKw");
            // its gateways say no baseBound: all of baseKw (column 7) is of unknown kind
            assertThat(rows.get(rows.size() - 1)).endsWith(",7,0,1,0,0,0,0,0,0,16,0.000" + "," + rows.get(rows.size() - 1).split(",")[6]);
            assertThat(agg.journalled()).filteredOn(j -> j.has("dropped"))
                    .extracting(j -> j.get("dropped").asLong()).containsExactlyInAnyOrder(5L, 7L, 4L);

            List<BucketRow> merged = JournalMerge.merge(List.of(agg.journal), Duration.ofMinutes(1));
            assertThat(merged).isNotEmpty().allSatisfy(r -> {
                assertThat(r.accepted()).isEqualTo(7);
                assertThat(r.openGaps()).isZero();
                assertThat(r.skipped()).isEqualTo(expected);
            });
            assertThat(ExportFormat.JSONL.line(merged.get(0))).contains("\"outboxDropped\":16");
        }
    }
}
