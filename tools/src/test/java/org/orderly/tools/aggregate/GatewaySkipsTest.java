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
 * A gateway skips numbers on purpose and says so in an event (docs/upstream.md, "Bounds"): {@code outbox.trimmed},
 * {@code outbox.setAside}, {@code outbox.timeUnknown}. Published to Mosquitto as four gateways would; the aggregate
 * counts the numbers those events name by reason, apart from the missing ones, live and in the merge of its journal.
 */
class GatewaySkipsTest {
    @TempDir
    Path dir;

    private GatewayPublisher publisher;

    @Test
    void numbersAGatewayNamedAsSkippedAreCountedByReasonNotAsMissing() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        try (Mosquitto broker = Mosquitto.start(dir)) {
            AggregateInstance agg = new AggregateInstance(broker.url(), "skips", "skips", dir);
            publisher = new GatewayPublisher(broker.url(), "skips-gateways");
            try {
                // Its outbox was full: 3..6 trimmed, the event (7) says so.
                publisher.telemetry("gw-trim", 1, now);
                publisher.telemetry("gw-trim", 2, now);
                publisher.publish(GatewayJson.topic("gw-trim", "events"), GatewayJson.event("gw-trim", 7, now,
                        "outbox.trimmed", "outbox", GatewayJson.trimmedText(4, 3, 6)));
                publisher.telemetry("gw-trim", 8, now);
                // A connection ended before its online (3) was acknowledged: the will (4) is released, the online set
                // aside (5 says so); the next connection's online is 6, its will 7 is held while it lasts.
                publisher.telemetry("gw-aside", 1, now);
                publisher.telemetry("gw-aside", 2, now);
                publisher.publish(GatewayJson.topic("gw-aside", "state"), GatewayJson.state("gw-aside", 4, now,
                        "offline", true));
                publisher.publish(GatewayJson.topic("gw-aside", "events"), GatewayJson.event("gw-aside", 5, now,
                        "outbox.setAside", "outbox", GatewayJson.spentOnlineText("gw-aside", 3, 4)));
                publisher.publish(GatewayJson.topic("gw-aside", "state"), GatewayJson.state("gw-aside", 6, now,
                        "online", true));
                publisher.telemetry("gw-aside", 8, now);
                // A run whose clock was never set held 3..5 (its online, 2, went out with clockSet false); the next
                // run sets them aside and says so (6).
                publisher.telemetry("gw-clock", 1, now);
                publisher.publish(GatewayJson.topic("gw-clock", "state"), GatewayJson.state("gw-clock", 2,
                        Instant.parse("2026-12-01T00:00:00Z"), "online", false));
                publisher.publish(GatewayJson.topic("gw-clock", "events"), GatewayJson.event("gw-clock", 6, now,
                        "outbox.timeUnknown", "outbox", GatewayJson.timeUnknownText(3, 3, 5, "{telemetry=3}")));
                publisher.telemetry("gw-clock", 7, now);
                // Really lost: 2.
                publisher.telemetry("gw-lost", 1, now);
                publisher.telemetry("gw-lost", 3, now);
                SharedSubscriptionTest.awaitTrue(Duration.ofSeconds(20), () -> agg.counters().accepted() == 16);
            } finally {
                publisher.close();
                agg.close();
            }

            // Missing: gw-aside's held will (7) and gw-lost's 2. Set aside 1, trimmed 4, time unknown 3.
            Skips expected = new Skips(1, 4, 3);
            Aggregator.Counters c = agg.counters();
            assertThat(c.openGaps()).isEqualTo(2);
            assertThat(c.gapsSeen()).isEqualTo(10);
            assertThat(c.skipped()).isEqualTo(expected);
            List<String> rows = Files.readAllLines(agg.out);
            assertThat(rows.get(0)).endsWith(",accepted,rejected,duplicates,openGaps,late,outboxSetAside,outboxTrimmed,"
                    + "outboxTimeUnknown,storeMovedAside,outboxDropped,baseBoundKw,baseKindUnknownKw");
            // its gateways say no baseBound: all of baseKw (column 7) is of unknown kind
            assertThat(rows.get(rows.size() - 1)).endsWith(",16,0,0,2,0,1,4,3,0,0,0.000" + "," + rows.get(rows.size() - 1).split(",")[6]);

            List<BucketRow> merged = JournalMerge.merge(List.of(agg.journal), Duration.ofMinutes(1));
            assertThat(merged).isNotEmpty().allSatisfy(r -> {
                assertThat(r.accepted()).isEqualTo(16);
                assertThat(r.openGaps()).isEqualTo(2);
                assertThat(r.skipped()).isEqualTo(expected);
            });
        }
    }
}
