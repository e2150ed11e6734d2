package org.orderly.tools.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
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
 * "Nothing lost" across a power cut of the grid side: a message the instance acknowledged to the broker is in its
 * journal after the cut; one that is not there was not acknowledged, so the broker gives it again when the instance
 * returns under the same client id. Real Mosquitto on loopback; the journal on a disk that loses power.
 */
class JournalBeforeAckTest {
    private static final String GATEWAY = "gw-ack";

    @TempDir
    Path dir;

    @Test
    void aMessageTheBrokerNoLongerHoldsIsInTheJournalAfterAPowerCut() throws Exception {
        for (PowerCutFileSystem.Cut cut : PowerCutFileSystem.Cut.values()) {
            Path real = Files.createDirectories(dir.resolve(cut.name()));
            try (Mosquitto broker = Mosquitto.start(real.resolve("broker"))) {
                PowerCutFileSystem disk = PowerCutFileSystem.over(Files.createDirectories(real.resolve("disk")));
                Path journal = disk.path("journal.jsonl");
                MqttClient publisher = new MqttClient(broker.url(), "ack-publisher", new MemoryPersistence());
                publisher.connect();
                try {
                    Aggregator before = aggregator(real.resolve("before.csv"), journal);
                    AggregateClient first = AggregateClient.start(settings(broker), before);
                    publish(publisher, 0);
                    SharedSubscriptionTest.awaitTrue(Duration.ofSeconds(20), () -> before.counters().accepted() == 1);
                    first.close(); // the session stays with the broker (expiry 300 s)

                    disk.cut(cut);

                    Aggregator after = aggregator(real.resolve("after.csv"), journal);
                    try (AggregateClient second = AggregateClient.start(settings(broker), after)) {
                        // The broker resends what was not acknowledged before anything published later.
                        publish(publisher, 1);
                        SharedSubscriptionTest.awaitTrue(Duration.ofSeconds(20),
                                () -> journalText(disk).contains("\"" + GATEWAY + ":1\""));
                    } finally {
                        after.close();
                        before.close(); // only so that the test leaves no file open: its power is gone
                    }
                } finally {
                    publisher.disconnect();
                    publisher.close();
                }
                assertThat(Files.readAllLines(real.resolve("disk/journal.jsonl")))
                        .as("journal after a power cut (%s)", cut)
                        .anySatisfy(line -> assertThat(line).contains("\"id\":\"" + GATEWAY + ":0\""));
            }
        }
    }

    private static Aggregator aggregator(Path export, Path journal) throws Exception {
        return new Aggregator("ack-instance", Duration.ofMinutes(1), Duration.ofSeconds(15), Duration.ofMinutes(5),
                new LineFile(export, ExportFormat.CSV.header(), Durability.EACH_LINE), ExportFormat.CSV,
                AggregateCommand.openJournal(journal), Clock.systemUTC());
    }

    private static BrokerSettings settings(Mosquitto broker) {
        return new BrokerSettings(broker.url(), true, Optional.empty(), Optional.empty(), Optional.empty(),
                "ack-instance", "ack", 300, List.of("telemetry"));
    }

    private static void publish(MqttClient publisher, long seq) throws Exception {
        publisher.publish(TelemetryJson.topic(GATEWAY), TelemetryJson.of(GATEWAY, seq, Instant.now(), 1)
                .getBytes(StandardCharsets.UTF_8), 1, false);
    }

    private static String journalText(PowerCutFileSystem disk) {
        Path journal = disk.path("journal.jsonl");
        try {
            return Files.exists(journal) ? Files.readString(journal, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
