package org.orderly.tools.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.testkit.Mosquitto;

/**
 * Two aggregate instances share one subscription on a real Mosquitto 2 on loopback: the broker splits the messages,
 * nothing is lost in the union, and bad messages are rejected and counted wherever they land.
 */
class SharedSubscriptionTest {
    private static final int GATEWAYS = 10;
    private static final int PER_GATEWAY = 20;

    @TempDir
    Path dir;
    private Mosquitto broker;
    private MqttClient publisher;

    @BeforeEach
    void startBroker() throws Exception {
        broker = Mosquitto.start(dir);
        publisher = new MqttClient(broker.url(), "test-publisher", new MemoryPersistence());
        publisher.connect();
    }

    @AfterEach
    void stopBroker() throws Exception {
        if (publisher != null) {
            publisher.disconnect();
            publisher.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private void publish(String topic, String payload) throws Exception {
        publisher.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false);
    }

    @Test
    void twoInstancesSplitTheLoadLoseNothingAndCountBadMessages() throws Exception {
        try (AggregateInstance a = new AggregateInstance(broker.url(), "agg-a", "grid", dir);
             AggregateInstance b = new AggregateInstance(broker.url(), "agg-b", "grid", dir)) {
            Instant now = Instant.now();
            Set<String> valid = new HashSet<>();
            int published = 0;
            int malformed = 0;
            int duplicateCopies = 0;
            for (int seq = 0; seq < PER_GATEWAY; seq++) {
                for (int g = 0; g < GATEWAYS; g++) {
                    String gw = "gw-" + g;
                    publish(TelemetryJson.topic(gw), TelemetryJson.of(gw, seq, now, g));
                    valid.add(gw + ":" + seq);
                    published++;
                }
            }
            for (int g = 0; g < GATEWAYS; g++) {
                String gw = "gw-" + g;
                publish(TelemetryJson.topic(gw), TelemetryJson.of(gw, 3, now, g)); // a gateway re-sends after a restart
                duplicateCopies++;
                publish(TelemetryJson.topic(gw), TelemetryJson.of(2, gw, PER_GATEWAY, now, g)); // contract v2
                publish(TelemetryJson.topic(gw), "{\"v\":1,\"type\":\"telemetry\""); // cut short
                publish(TelemetryJson.topic("impostor"), TelemetryJson.of(gw, PER_GATEWAY, now, g)); // wrong topic
                malformed += 3;
                published += 4;
            }
            int total = published;
            awaitTrue(Duration.ofSeconds(30), () -> a.counters().received() + b.counters().received() == total);

            Aggregator.Counters ca = a.counters();
            Aggregator.Counters cb = b.counters();
            assertThat(ca.received()).as("instance a's share").isPositive();
            assertThat(cb.received()).as("instance b's share").isPositive();
            assertThat(ca.rejected() + cb.rejected()).isEqualTo(malformed);

            List<JsonNode> journalled = new java.util.ArrayList<>(a.journalled());
            journalled.addAll(b.journalled());
            Set<String> union = new HashSet<>();
            journalled.forEach(j -> union.add(j.get("id").textValue()));
            assertThat(union).isEqualTo(valid);
            // A copy is caught as a duplicate when it reaches the instance that has the original; otherwise each
            // instance accepts one (the journal's consumer de-duplicates by id). Either way, every copy is accounted for.
            long acceptedTwice = ca.accepted() + cb.accepted() - valid.size();
            assertThat(ca.duplicates() + cb.duplicates() + acceptedTwice).isEqualTo(duplicateCopies);
        }
        // The exact compound-wide row is the union of the two journals: every gateway once, its latest reading.
        List<BucketRow> merged = JournalMerge.merge(List.of(dir.resolve("agg-a.jsonl"), dir.resolve("agg-b.jsonl")),
                Duration.ofMinutes(1));
        assertThat(merged).singleElement().satisfies(r -> {
            assertThat(r.gateways()).isEqualTo(GATEWAYS);
            assertThat(r.evKw()).isEqualTo(45.0); // gateway g reports g kW
            assertThat(r.openGaps()).isZero();
        });
        String csv = Files.readString(dir.resolve("agg-a.csv"));
        assertThat(csv).startsWith(ExportFormat.CSV.header() + "\n");
        assertThat(csv.lines().count()).as("header and at least one bucket row").isGreaterThanOrEqualTo(2);
    }

    @Test
    void aSingleInstanceCatchesEveryDuplicateAndEveryGap() throws Exception {
        try (AggregateInstance a = new AggregateInstance(broker.url(), "agg-solo", "solo", dir)) {
            Instant now = Instant.now();
            publish(TelemetryJson.topic("gw-1"), TelemetryJson.of("gw-1", 1, now, 1));
            publish("orderly/v1/gw-1/events", TelemetryJson.event("gw-1", 2, now));
            publish(TelemetryJson.topic("gw-1"), TelemetryJson.of("gw-1", 5, now, 1)); // 3 and 4 lost
            publish(TelemetryJson.topic("gw-1"), TelemetryJson.of("gw-1", 5, now, 1));
            publish(TelemetryJson.topic("gw-1"), TelemetryJson.of("gw-1", 4, now, 1)); // 4 arrives late
            awaitTrue(Duration.ofSeconds(20), () -> a.counters().received() == 5);

            Aggregator.Counters c = a.counters();
            assertThat(c.accepted()).isEqualTo(4);
            assertThat(c.duplicates()).isEqualTo(1);
            assertThat(c.gapsSeen()).isEqualTo(2);
            assertThat(c.openGaps()).isEqualTo(1);
        }
    }

    static void awaitTrue(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        Instant until = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(until)) {
                throw new AssertionError("condition not met within " + timeout);
            }
            Thread.sleep(50);
        }
    }
}
