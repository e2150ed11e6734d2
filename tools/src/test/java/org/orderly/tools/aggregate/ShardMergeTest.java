package org.orderly.tools.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.testkit.Mosquitto;

/**
 * Ten gateways' messages, with a duplicate each, a number trimmed and named, and one lost, go to two share groups at
 * once on Mosquitto: one of two instances (round robin) and one of a single instance. The merge of the two shards'
 * journals gives the single instance's figures, and both match the figures worked out by hand.
 */
class ShardMergeTest {
    @TempDir
    Path dir;

    @Test
    void theMergeOfTwoShardsIsWhatOneInstanceOverAllSees() throws Exception {
        Instant bucket = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        try (Mosquitto broker = Mosquitto.start(dir)) {
            AggregateInstance a = new AggregateInstance(broker.url(), "shard-a", "shards", dir);
            AggregateInstance b = new AggregateInstance(broker.url(), "shard-b", "shards", dir);
            AggregateInstance whole = new AggregateInstance(broker.url(), "whole", "whole", dir);
            MqttClient gateways = new MqttClient(broker.url(), "shard-gateways", new MemoryPersistence());
            gateways.connect();
            try {
                for (int g = 0; g < 10; g++) {
                    String gw = "gw-" + g;
                    for (long seq = 1; seq <= 6; seq++) {
                        if ((g == 3 && seq == 4) || (g == 5 && seq == 2)) {
                            continue; // gw-3's 4 is trimmed, gw-5's 2 lost
                        }
                        byte[] t = TelemetryJson.of(gw, seq, bucket.plusSeconds(seq), g + seq)
                                .getBytes(StandardCharsets.UTF_8);
                        gateways.publish(TelemetryJson.topic(gw), t, 1, false);
                        if (seq == 3) {
                            gateways.publish(TelemetryJson.topic(gw), t, 1, false);
                        }
                    }
                    if (g == 3) {
                        gateways.publish(GatewayJson.topic(gw, "events"), GatewayJson.event(gw, 7, bucket.plusSeconds(7),
                                "outbox.trimmed", "outbox", GatewayJson.trimmedText(1, 4, 4))
                                .getBytes(StandardCharsets.UTF_8), 1, false);
                    }
                }
                SharedSubscriptionTest.awaitTrue(Duration.ofSeconds(20), () -> whole.counters().accepted() == 59
                        && whole.counters().duplicates() == 10 && a.counters().accepted() + b.counters().accepted()
                        + a.counters().duplicates() + b.counters().duplicates() == 69);
            } finally {
                gateways.disconnect();
                gateways.close();
                a.close();
                b.close();
                whole.close();
            }

            // By hand: each gateway's latest reading is its seq 6, evKw g + 6; transformer 100 + evKw, limit 400,
            // addKw 400 - transformer. 8 gateways x 6 + gw-3 (5 + its event) + gw-5 (5) accepted; 10 duplicates.
            double ev = 45 + 60;
            Skips trimmedOne = new Skips(0, 1, 0);
            BucketRow expected = new BucketRow(bucket, bucket.plus(Duration.ofMinutes(1)), "merged", 10, 0,
                    1000 + ev, 1000, ev, 4000, ev, 4000 - (1000 + ev), 59, 0, 0, 1, 0, trimmedOne, 0, 1000);
            List<BucketRow> ofWhole = JournalMerge.merge(List.of(whole.journal), Duration.ofMinutes(1));
            List<BucketRow> ofShards = JournalMerge.merge(List.of(a.journal, b.journal), Duration.ofMinutes(1));
            assertThat(ofWhole).containsExactly(expected);
            // The merge counts as duplicates only the copies in more than one journal: an instance journals none
            // of the duplicates it heard itself. Under round robin the two copies of a message mostly go to different
            // instances.
            assertThat(ofShards).usingRecursiveFieldByFieldElementComparatorIgnoringFields("duplicates")
                    .containsExactly(expected);
            assertThat(ofShards.get(0).duplicates()).isEqualTo(10 - a.counters().duplicates() - b.counters().duplicates());
            Aggregator.Counters live = whole.counters();
            assertThat(live.accepted()).isEqualTo(59);
            assertThat(live.openGaps()).isEqualTo(1);
            assertThat(live.skipped()).isEqualTo(trimmedOne);
        }
    }
}
