package org.orderly.tools.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
 * The first message an instance hears from a gateway need not be its lowest number: a gateway sends its new
 * {@code online} before the messages left unacknowledged when it stopped (docs/upstream.md, "state"), and topics are
 * ordered only each in itself. Those lower numbers are new to this instance, not duplicates.
 */
class FirstArrivalTest {
    @TempDir
    Path dir;

    @Test
    void numbersBelowTheFirstHeardAreTakenNotDroppedAsDuplicates() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        Instant beforeTheStop = now.minus(Duration.ofMinutes(2));
        try (Mosquitto broker = Mosquitto.start(dir)) {
            AggregateInstance agg = new AggregateInstance(broker.url(), "first", "first", dir);
            MqttClient gw = new MqttClient(broker.url(), "gw-restarted", new MemoryPersistence());
            gw.connect();
            try {
                // Restarted after a clean stop: online 10 (its will, 11, held), then 8 and 9, unacknowledged at the
                // stop, then new telemetry.
                gw.publish(GatewayJson.topic("gw-restarted", "state"), GatewayJson.state("gw-restarted", 10, now,
                        "online", true).getBytes(StandardCharsets.UTF_8), 1, true);
                for (long seq : new long[] {8, 9}) {
                    gw.publish(TelemetryJson.topic("gw-restarted"), TelemetryJson.of("gw-restarted", seq,
                            beforeTheStop.plusSeconds(seq), seq).getBytes(StandardCharsets.UTF_8), 1, false);
                }
                gw.publish(TelemetryJson.topic("gw-restarted"), TelemetryJson.of("gw-restarted", 12, now, 12)
                        .getBytes(StandardCharsets.UTF_8), 1, false);
                awaitTaken(agg, 4);
            } finally {
                close(gw, agg);
            }
            assertThat(agg.counters().accepted()).isEqualTo(4);
            assertThat(agg.counters().duplicates()).isZero();
            assertThat(agg.counters().openGaps()).as("the held will, 11").isEqualTo(1);
            List<String> rows = Files.readAllLines(agg.out);
            assertThat(rows).anySatisfy(r -> assertThat(r).startsWith(beforeTheStop + ",")
                    .contains(",first,1,0,109.000,100.000,9.000,"));
        }
    }

    /**
     * The will of a connection made before the instance started arrives below the first number heard: the broker's
     * when that connection ends, and the gateway's copy after it connects again (docs/upstream.md, "state"). What was
     * numbered between the two was carried by that connection before the instance started: not ours to miss. Until
     * 2026-12-05 the will opened a gap down to it: an instance started at 11:54 under the demo, whose broker was
     * restarted at 12:03, said {@code openGaps} 16 from then on, the numbers the gateway had sent from 11:53:32 to
     * 11:54:10, each of which had arrived.
     */
    @Test
    void aWillFromBeforeTheFirstHeardOpensNoGap() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        try (Mosquitto broker = Mosquitto.start(dir)) {
            AggregateInstance agg = new AggregateInstance(broker.url(), "will", "will", dir);
            MqttClient gw = new MqttClient(broker.url(), "gw-will", new MemoryPersistence());
            gw.connect();
            try {
                // Connected since before the instance started with online 10, will 11; 12..29 went out then.
                for (long seq : new long[] {30, 31}) {
                    gw.publish(TelemetryJson.topic("gw-will"), TelemetryJson.of("gw-will", seq, now, seq)
                            .getBytes(StandardCharsets.UTF_8), 1, false);
                }
                // The broker restarted: its will, the gateway's copy of it, the new online, its backlog.
                for (int copy = 0; copy < 2; copy++) {
                    gw.publish(GatewayJson.topic("gw-will", "state"), GatewayJson.state("gw-will", 11, now, "offline",
                            true).getBytes(StandardCharsets.UTF_8), 1, true);
                }
                gw.publish(GatewayJson.topic("gw-will", "state"), GatewayJson.online("gw-will", 32, now, 33)
                        .getBytes(StandardCharsets.UTF_8), 1, true);
                // One left unacknowledged when the broker went, sent again.
                gw.publish(TelemetryJson.topic("gw-will"), TelemetryJson.of("gw-will", 29, now, 29)
                        .getBytes(StandardCharsets.UTF_8), 1, false);
                gw.publish(TelemetryJson.topic("gw-will"), TelemetryJson.of("gw-will", 34, now, 34)
                        .getBytes(StandardCharsets.UTF_8), 1, false);
                awaitTaken(agg, 7);
            } finally {
                close(gw, agg);
            }
            assertThat(agg.counters().accepted()).as("30, 31, the will 11, 32, 29, 34").isEqualTo(6);
            assertThat(agg.counters().duplicates()).as("the gateway's copy of the will").isEqualTo(1);
            assertThat(agg.counters().openGaps()).as("none: 12..28 went before the instance started, 33 is held")
                    .isZero();
            assertThat(agg.journalled()).filteredOn(j -> j.path("seq").asLong() == 11)
                    .singleElement().extracting(j -> j.path("state").asText()).isEqualTo("offline");
            List<BucketRow> merged = JournalMerge.merge(List.of(agg.journal), Duration.ofMinutes(1));
            assertThat(merged).as("the journal, merged, says the same").allSatisfy(r ->
                    assertThat(r.openGaps()).isZero());
        }
    }

    /** Until the instance has taken {@code messages}, accepted or as duplicates. */
    private static void awaitTaken(AggregateInstance agg, long messages) throws Exception {
        SharedSubscriptionTest.awaitTrue(Duration.ofSeconds(20),
                () -> agg.counters().accepted() + agg.counters().duplicates() == messages);
    }

    private static void close(MqttClient gw, AggregateInstance agg) throws Exception {
        gw.disconnect();
        gw.close();
        agg.close();
    }
}
