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
 * Since 2026-12-01 a gateway names in fields what it used to name only in text (docs/upstream.md): the numbers an
 * {@code outbox.*} event skips ({@code "skipped": {"from", "to"}}) and, in {@code online}, its held will's number
 * ({@code "will"}). Published to Mosquitto as such gateways would, with texts no reader can parse: the aggregate takes
 * the fields, live and in the merge of its journal.
 */
class GatewaySkipFieldsTest {
    @TempDir
    Path dir;

    private GatewayPublisher publisher;

    @Test
    void skippedNumbersAndTheHeldWillAreTakenFromTheirFields() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        try (Mosquitto broker = Mosquitto.start(dir)) {
            AggregateInstance agg = new AggregateInstance(broker.url(), "fields", "fields", dir);
            publisher = new GatewayPublisher(broker.url(), "fields-gateways");
            try {
                // 3..6 trimmed; the text says so in words no reader parses, the fields in numbers.
                publisher.telemetry("gw-trim", 1, now);
                publisher.telemetry("gw-trim", 2, now);
                publisher.publish(GatewayJson.topic("gw-trim", "events"), GatewayJson.skipEvent("gw-trim", 7, now,
                        "outbox.trimmed", "four went", 3, 6));
                publisher.telemetry("gw-trim", 8, now);
                // 2 set aside.
                publisher.telemetry("gw-aside", 1, now);
                publisher.publish(GatewayJson.topic("gw-aside", "events"), GatewayJson.skipEvent("gw-aside", 3, now,
                        "outbox.setAside", "one went", 2, 2));
                // Connected: online 2 names its will 4, held while the connection lasts; 3 and 5 are numbered
                // between them and after.
                publisher.telemetry("gw-will", 1, now);
                publisher.publish(GatewayJson.topic("gw-will", "state"), GatewayJson.online("gw-will", 2, now, 4));
                publisher.telemetry("gw-will", 3, now);
                publisher.telemetry("gw-will", 5, now);
                // Its first will (3) never came, yet a later online (5) names another: 3 is missing, 7 held.
                publisher.publish(GatewayJson.topic("gw-lost", "state"), GatewayJson.online("gw-lost", 1, now, 3));
                publisher.telemetry("gw-lost", 2, now);
                publisher.telemetry("gw-lost", 4, now);
                publisher.publish(GatewayJson.topic("gw-lost", "state"), GatewayJson.online("gw-lost", 5, now, 7));
                publisher.telemetry("gw-lost", 6, now);
                publisher.telemetry("gw-lost", 8, now);
                SharedSubscriptionTest.awaitTrue(Duration.ofSeconds(20), () -> agg.counters().accepted() == 16);
                Aggregator.Counters c = agg.counters();
                assertThat(c.openGaps()).as("only gw-lost's first will: %s", c).isEqualTo(1);
                assertThat(c.skipped()).isEqualTo(new Skips(1, 4, 0));

                // gw-will stops cleanly: its will arrives, filling its number.
                publisher.publish(GatewayJson.topic("gw-will", "state"), GatewayJson.state("gw-will", 4, now,
                        "offline", true));
                SharedSubscriptionTest.awaitTrue(Duration.ofSeconds(20), () -> agg.counters().accepted() == 17);
            } finally {
                publisher.close();
                agg.close();
            }
            Aggregator.Counters c = agg.counters();
            assertThat(c.duplicates()).as("the will arrived, not a duplicate").isZero();
            assertThat(c.openGaps()).isEqualTo(1);
            assertThat(c.gapsSeen()).isEqualTo(4 + 1 + 1 + 2);

            List<BucketRow> merged = JournalMerge.merge(List.of(agg.journal), Duration.ofMinutes(1));
            assertThat(merged).isNotEmpty().allSatisfy(r -> {
                assertThat(r.accepted()).isEqualTo(17);
                assertThat(r.openGaps()).isEqualTo(1);
                assertThat(r.skipped()).isEqualTo(new Skips(1, 4, 0));
            });
        }
    }

    /**
     * A gateway whose store was moved aside with its numbers unreadable goes on from its clock's milliseconds; its
     * {@code store.movedAside} names where (docs/upstream.md, "events"): the jump is skipped, not missing.
     */
    @Test
    void theJumpToWhereAFreshStoresNumbersBeginIsCountedApart() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        long first = 1_764_590_000_001L;
        try (Mosquitto broker = Mosquitto.start(dir)) {
            AggregateInstance agg = new AggregateInstance(broker.url(), "moved", "moved", dir);
            publisher = new GatewayPublisher(broker.url(), "moved-gateway");
            try {
                publisher.telemetry("gw-moved", 1, now);
                publisher.telemetry("gw-moved", 2, now);
                // The old store is damaged; the fresh one numbers from `first`: online, its will held, the event.
                publisher.publish(GatewayJson.topic("gw-moved", "state"), GatewayJson.online("gw-moved", first, now,
                        first + 1));
                publisher.publish(GatewayJson.topic("gw-moved", "events"), GatewayJson.movedAside("gw-moved",
                        first + 2, now,
                        first));
                publisher.telemetry("gw-moved", first + 3, now);
                SharedSubscriptionTest.awaitTrue(Duration.ofSeconds(20), () -> agg.counters().accepted() == 5);
            } finally {
                publisher.close();
                agg.close();
            }
            Skips expected = new Skips(0, 0, 0, first - 3);
            Aggregator.Counters c = agg.counters();
            assertThat(c.openGaps()).as("%s", c).isZero();
            assertThat(c.skipped()).isEqualTo(expected);
            List<String> rows = Files.readAllLines(agg.out);
            assertThat(rows.get(0)).endsWith(",outboxSetAside,outboxTrimmed,outboxTimeUnknown,storeMovedAside"
                    + ",outboxDropped,baseBoundKw,baseKindUnknownKw");
            // its gateways say no baseBound: all of baseKw (column 7) is of unknown kind
            String last = rows.get(rows.size() - 1);
            assertThat(last).endsWith(",5,0,0,0,0,0,0,0," + (first - 3) + ",0,0.000," + last.split(",")[6]);

            List<BucketRow> merged = JournalMerge.merge(List.of(agg.journal), Duration.ofMinutes(1));
            assertThat(merged).isNotEmpty().allSatisfy(r -> {
                assertThat(r.openGaps()).isZero();
                assertThat(r.skipped()).isEqualTo(expected);
            });
        }
    }
}
