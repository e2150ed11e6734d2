package org.orderly.tools.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.store.Store;
import org.orderly.gateway.store.StoreSettings;
import org.orderly.gateway.upstream.Topics;
import org.orderly.gateway.upstream.message.EventBody;
import org.orderly.gateway.upstream.outbox.Outbox;
import org.orderly.gateway.upstream.outbox.OutboxLimits;
import org.orderly.gateway.upstream.outbox.OutboxRow;
import org.orderly.testkit.Mosquitto;

/**
 * The gateway's own outbox (a real SQLite store) trims and sets aside messages, and what it would publish goes to
 * Mosquitto: the aggregate reads the numbers from the gateway's own event texts and counts none of them as missing.
 */
class GatewayOutboxSkipsTest {
    @TempDir
    Path dir;

    @Test
    void whatTheGatewaysOutboxTrimsAndSetsAsideIsNotCountedAsMissing() throws Exception {
        Topics topics = new Topics("gw-real");
        try (Mosquitto broker = Mosquitto.start(dir);
             Store store = Store.open(StoreSettings.of(dir.resolve("orderly.db"), 90), Clock.systemUTC());
             Outbox outbox = Outbox.open(store.database(), topics, Clock.systemUTC(), new OutboxLimits(
                     Duration.ofDays(7), 3, 100))) {
            AggregateInstance agg = new AggregateInstance(broker.url(), "outbox", "outbox", dir);
            MqttClient link = new MqttClient(broker.url(), "gw-real", new MemoryPersistence());
            link.connect();
            try {
                outbox.offer(Clock.systemUTC().instant(), new EventBody("e", "s", "before the outage"));
                long sent = publishWaiting(outbox, topics, link, 0);
                // Five more while the link is down; the outbox keeps 3 and reports the trim of 2..3 in event 7.
                for (int i = 0; i < 5; i++) {
                    outbox.offer(Clock.systemUTC().instant(), new EventBody("e", "s", "m" + i));
                }
                assertThat(outbox.flush(Duration.ofSeconds(10))).isTrue();
                outbox.trimNow();
                assertThat(outbox.flush(Duration.ofSeconds(10))).isTrue();
                sent = publishWaiting(outbox, topics, link, sent);
                // The broker refuses message 8: set aside, and event 9 names it.
                outbox.offer(Clock.systemUTC().instant(), new EventBody("e", "s", "refused"));
                assertThat(outbox.flush(Duration.ofSeconds(10))).isTrue();
                outbox.setAside(8, "the broker refused it (test)");
                assertThat(outbox.flush(Duration.ofSeconds(10))).isTrue();
                long last = publishWaiting(outbox, topics, link, sent);
                assertThat(last).isEqualTo(9);
                SharedSubscriptionTest.awaitTrue(Duration.ofSeconds(20), () -> agg.counters().accepted() == 6);
            } finally {
                link.disconnect();
                link.close();
                agg.close();
            }
            assertThat(agg.journalled()).extracting(j -> j.path("seq").asLong()).containsExactly(1L, 4L, 5L, 6L, 7L, 9L);
            assertThat(agg.counters().gapsSeen()).isEqualTo(3);
            assertThat(agg.counters().openGaps()).isZero();
            assertThat(agg.counters().skipped()).isEqualTo(new Skips(1, 2, 0));
        }
    }

    /** Publishes, as the gateway's link would, what the outbox holds after {@code after}; the last seq sent. */
    private static long publishWaiting(Outbox outbox, Topics topics, MqttClient link, long after) throws Exception {
        assertThat(outbox.flush(Duration.ofSeconds(10))).isTrue();
        List<OutboxRow> rows = outbox.next(after, topics.of("state"), false, 100);
        long last = after;
        for (OutboxRow row : rows) {
            link.publish(row.topic(), row.payload(), 1, row.retained());
            outbox.acknowledged(row.seq());
            last = row.seq();
        }
        return last;
    }
}
