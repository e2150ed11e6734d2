package org.orderly.tools.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderly.tools.aggregate.SharedSubscriptionTest.awaitTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.testkit.Mosquitto;
import org.orderly.testkit.powercut.PowerCutFileSystem;
import org.orderly.tools.aggregate.LineFile.Durability;

/**
 * A message whose journal line did not reach the disk is not acknowledged, so the broker gives it again; when it does
 * in the same run, its line has to be written then: nothing the broker no longer holds may be missing from the
 * journal, whether the line failed to be written (a full disk) or a failed force lost it. MQTT 5 lets a broker give an
 * unacknowledged message again only on a reconnect, so the test restarts Mosquitto (persistent, so the instance's
 * session and the message in flight survive) and the instance reconnects.
 */
class JournalFailureRedeliveryTest {
    private static final String GATEWAY = "gw-redo";
    private static final String CLIENT = "redo-instance";

    @TempDir
    Path dir;

    @Test
    void aMessageWhoseLineCouldNotBeWrittenIsJournalledWhenTheBrokerGivesItAgain() throws Exception {
        try (Mosquitto broker = Mosquitto.startPersistent(dir.resolve("broker"), List.of())) {
            PowerCutFileSystem disk = PowerCutFileSystem.over(Files.createDirectories(dir.resolve("disk")));
            Aggregator aggregator = aggregator(disk.path("journal.jsonl"));
            try (AggregateClient client = AggregateClient.start(settings(broker), aggregator)) {
                disk.full(true);
                publish(broker, 0);
                awaitTrue(Duration.ofSeconds(20), () -> aggregator.counters().received() == 1);
                disk.full(false);

                restartAndAwaitTheAck(broker, aggregator);
            } finally {
                aggregator.close();
            }
            assertJournalledAfterAPowerCut(disk);
            assertThat(aggregator.counters().accepted()).as("accepted (counted once)").isEqualTo(1);
        }
    }

    @Test
    void aMessageWhoseLineAFailedForceLostIsJournalledAgainWhenTheBrokerGivesItAgain() throws Exception {
        try (Mosquitto broker = Mosquitto.startPersistent(dir.resolve("broker"), List.of())) {
            PowerCutFileSystem disk = PowerCutFileSystem.over(Files.createDirectories(dir.resolve("disk")));
            Aggregator aggregator = aggregator(disk.path("journal.jsonl"));
            try (AggregateClient client = AggregateClient.start(settings(broker), aggregator)) {
                disk.fileForceFails(true);
                publish(broker, 0);
                awaitTrue(Duration.ofSeconds(20), () -> disk.failedFileForces() == 1);
                disk.fileForceFails(false);

                restartAndAwaitTheAck(broker, aggregator);
            } finally {
                aggregator.close();
            }
            assertJournalledAfterAPowerCut(disk);
            assertThat(aggregator.counters().accepted()).as("accepted (counted once)").isEqualTo(1);
        }
    }

    @Test
    void aMessageLeftUnacknowledgedIsGivenAgainWhileTheConnectionStaysUp() throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"))) {
            PowerCutFileSystem disk = PowerCutFileSystem.over(Files.createDirectories(dir.resolve("disk")));
            Aggregator aggregator = aggregator(disk.path("journal.jsonl"));
            try (AggregateClient client = AggregateClient.start(settings(broker), aggregator)) {
                disk.full(true);
                publish(broker, 0);
                awaitTrue(Duration.ofSeconds(20), () -> aggregator.counters().received() == 1);
                disk.full(false);

                // Nothing restarts the broker or breaks the connection: the instance has to ask for the message.
                awaitTrue(Duration.ofSeconds(30), () -> broker.log().contains("Received PUBACK from " + CLIENT));
            } finally {
                aggregator.close();
            }
            assertJournalledAfterAPowerCut(disk);
        }
    }

    /** The broker gives the message again on the instance's reconnect; then the instance acknowledges it. */
    private static void restartAndAwaitTheAck(Mosquitto broker, Aggregator aggregator) throws Exception {
        assertThat(broker.log()).as("broker log before the restart").doesNotContain("Received PUBACK from " + CLIENT);
        broker.stop();
        broker.start();
        awaitTrue(Duration.ofSeconds(60), () -> aggregator.counters().received() == 2);
        awaitTrue(Duration.ofSeconds(20), () -> broker.log().contains("Received PUBACK from " + CLIENT));
    }

    private void assertJournalledAfterAPowerCut(PowerCutFileSystem disk) throws Exception {
        disk.cut(PowerCutFileSystem.Cut.NAMES_LOST);
        assertThat(Files.readAllLines(dir.resolve("disk/journal.jsonl")))
                .as("the journal after a power cut, once the broker had the instance's PUBACK of %s:0", GATEWAY)
                .anySatisfy(line -> assertThat(line).contains("\"id\":\"" + GATEWAY + ":0\""));
    }

    private Aggregator aggregator(Path journal) throws Exception {
        return new Aggregator(CLIENT, Duration.ofMinutes(1), Duration.ofSeconds(15), Duration.ofMinutes(5),
                new LineFile(dir.resolve("load.csv"), ExportFormat.CSV.header(), Durability.EACH_LINE),
                ExportFormat.CSV, AggregateCommand.openJournal(journal), Clock.systemUTC());
    }

    private static BrokerSettings settings(Mosquitto broker) {
        return new BrokerSettings(broker.url(), true, Optional.empty(), Optional.empty(), Optional.empty(), CLIENT,
                "redo", 300, List.of("telemetry"));
    }

    /** Published QoS 1 by a client that is gone before the broker restarts. */
    private static void publish(Mosquitto broker, long seq) throws Exception {
        MqttClient publisher = new MqttClient(broker.url(), "redo-publisher", new MemoryPersistence());
        publisher.connect();
        try {
            publisher.publish(TelemetryJson.topic(GATEWAY), TelemetryJson.of(GATEWAY, seq, Instant.now(), 1)
                    .getBytes(StandardCharsets.UTF_8), 1, false);
        } finally {
            publisher.disconnect();
            publisher.close();
        }
    }
}
