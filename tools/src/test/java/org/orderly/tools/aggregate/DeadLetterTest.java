package org.orderly.tools.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderly.tools.aggregate.SharedSubscriptionTest.awaitTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
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
 * A message the instance acknowledges is on the disk: in the journal, or in the dead-letter file with the reason it
 * could not be taken. Real Mosquitto on loopback (its log shows each PUBACK); the files on a disk that loses power.
 */
class DeadLetterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GATEWAY = "gw-dead";
    private static final String CLIENT = "dead-instance";

    @TempDir
    Path dir;

    @Test
    void aMessageWhoseTakingFailsIsKeptWithItsReasonCountedAndAcknowledged() throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"))) {
            PowerCutFileSystem disk = PowerCutFileSystem.over(Files.createDirectories(dir.resolve("disk")));
            Aggregator aggregator = aggregator(disk);
            List<String> published = new ArrayList<>();
            try (AggregateClient client = AggregateClient.start(settings(broker), new FailsOnSeq1(aggregator))) {
                for (long seq = 0; seq < 3; seq++) {
                    published.add(publish(broker, seq));
                }
                awaitTrue(Duration.ofSeconds(20), () -> pubacks(broker) == 3);
            } finally {
                aggregator.close();
            }
            disk.cut(PowerCutFileSystem.Cut.NAMES_LOST);

            assertThat(lines(dir.resolve("disk/journal.jsonl"))).extracting(j -> j.get("id").asText())
                    .containsExactly(GATEWAY + ":0", GATEWAY + ":2");
            List<JsonNode> dead = lines(dir.resolve("disk/dead-letter.jsonl"));
            assertThat(dead).as("the dead-letter file after a power cut").hasSize(1);
            JsonNode kept = dead.get(0);
            assertThat(kept.get("kind").asText()).isEqualTo("failed");
            assertThat(kept.get("topic").asText()).isEqualTo(TelemetryJson.topic(GATEWAY));
            assertThat(kept.get("instance").asText()).isEqualTo(CLIENT);
            assertThat(kept.get("reason").asText())
                    .isEqualTo("java.lang.IllegalStateException: stands for a bug of the aggregator");
            assertThat(new String(Base64.getDecoder().decode(kept.get("payloadBase64").asText()),
                    StandardCharsets.UTF_8)).isEqualTo(published.get(1));
            Instant.parse(kept.get("receivedAt").asText());

            Aggregator.Counters c = aggregator.counters();
            assertThat(c.accepted()).isEqualTo(2);
            assertThat(c.failed()).isEqualTo(1);
            assertThat(c.openGaps()).as("seq 1, not taken, is missing").isEqualTo(1);
        }
    }

    @Test
    void anInvalidMessageIsKeptWithItsReasonCountedAndAcknowledged() throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"))) {
            PowerCutFileSystem disk = PowerCutFileSystem.over(Files.createDirectories(dir.resolve("disk")));
            Aggregator aggregator = aggregator(disk);
            String badJson = "{\"v\":1,\"type\":";
            String v2 = TelemetryJson.of(2, GATEWAY, 1, Instant.now(), 1);
            String badGateway = TelemetryJson.of("gw dead", 2, Instant.now(), 1);
            try (AggregateClient client = AggregateClient.start(settings(broker), aggregator)) {
                publish(broker, TelemetryJson.topic(GATEWAY), badJson);
                publish(broker, TelemetryJson.topic(GATEWAY), v2);
                publish(broker, TelemetryJson.topic("gw dead"), badGateway);
                awaitTrue(Duration.ofSeconds(20), () -> pubacks(broker) == 3);
            } finally {
                aggregator.close();
            }
            disk.cut(PowerCutFileSystem.Cut.NAMES_LOST);

            List<JsonNode> dead = lines(dir.resolve("disk/dead-letter.jsonl"));
            assertThat(dead).as("the dead-letter file after a power cut").hasSize(3);
            assertThat(dead).extracting(j -> j.get("kind").asText()).containsOnly("rejected");
            assertThat(dead).extracting(j -> new String(Base64.getDecoder().decode(j.get("payloadBase64").asText()),
                    StandardCharsets.UTF_8)).containsExactly(badJson, v2, badGateway);
            assertThat(dead.get(0).get("reason").asText()).startsWith("payload is not valid JSON: ");
            assertThat(dead.get(1).get("reason").asText())
                    .isEqualTo("contract version v=2 is not supported; this consumer reads v=1");
            assertThat(dead.get(2).get("reason").asText())
                    .isEqualTo("gatewayId in the topic does not match [A-Za-z0-9._-]{1,64}");
            assertThat(dead.get(2).get("topic").asText()).isEqualTo(TelemetryJson.topic("gw dead"));
            assertThat(lines(dir.resolve("disk/journal.jsonl"))).isEmpty();
            assertThat(aggregator.counters().rejected()).isEqualTo(3);
        }
    }

    @Test
    void aPayloadLargerThanTheContractAllowsIsKeptByItsSizeOnly() throws Exception {
        PowerCutFileSystem disk = PowerCutFileSystem.over(Files.createDirectories(dir.resolve("disk")));
        byte[] large = new byte[MessageValidator.MAX_PAYLOAD_BYTES + 1];
        try (Aggregator aggregator = aggregator(disk)) {
            aggregator.accept(TelemetryJson.topic(GATEWAY), large);
            aggregator.force();
        }
        JsonNode kept = lines(dir.resolve("disk/dead-letter.jsonl")).get(0);
        assertThat(kept.get("reason").asText()).isEqualTo("payload of 65537 bytes exceeds 65536");
        assertThat(kept.get("payloadBytes").asLong()).isEqualTo(65537);
        assertThat(kept.has("payloadBase64")).isFalse();
    }

    /** The aggregator, but a failure of its own on the message with seq 1, as a bug would throw. */
    private record FailsOnSeq1(Aggregator aggregator) implements Intake {
        @Override
        public Aggregator.Taken accept(String topic, byte[] payload, boolean retained) throws IOException {
            if (new String(payload, StandardCharsets.UTF_8).contains("\"seq\":1,")) {
                throw new IllegalStateException("stands for a bug of the aggregator");
            }
            return aggregator.accept(topic, payload, retained);
        }

        @Override
        public long failed(String topic, byte[] payload, RuntimeException failure) throws IOException {
            return aggregator.failed(topic, payload, failure);
        }

        @Override
        public void force() throws IOException {
            aggregator.force();
        }

        @Override
        public boolean lineLost(long line) {
            return aggregator.lineLost(line);
        }
    }

    private Aggregator aggregator(PowerCutFileSystem disk) throws IOException {
        return new Aggregator(CLIENT, Duration.ofMinutes(1), Duration.ofSeconds(15), Duration.ofMinutes(5),
                new LineFile(dir.resolve("load.csv"), ExportFormat.CSV.header(), Durability.EACH_LINE),
                ExportFormat.CSV, AggregateCommand.openJournal(disk.path("journal.jsonl")),
                AggregateCommand.openJournal(disk.path("dead-letter.jsonl")), Clock.systemUTC());
    }

    private static BrokerSettings settings(Mosquitto broker) {
        return new BrokerSettings(broker.url(), true, Optional.empty(), Optional.empty(), Optional.empty(), CLIENT,
                "dead", 300, List.of("telemetry"));
    }

    private static String publish(Mosquitto broker, long seq) throws Exception {
        String payload = TelemetryJson.of(GATEWAY, seq, Instant.now(), 1);
        publish(broker, TelemetryJson.topic(GATEWAY), payload);
        return payload;
    }

    private static void publish(Mosquitto broker, String topic, String payload) throws Exception {
        MqttClient publisher = new MqttClient(broker.url(), "dead-publisher", new MemoryPersistence());
        publisher.connect();
        try {
            publisher.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false);
        } finally {
            publisher.disconnect();
            publisher.close();
        }
    }

    private static long pubacks(Mosquitto broker) {
        return broker.log().lines().filter(l -> l.contains("Received PUBACK from " + CLIENT)).count();
    }

    private static List<JsonNode> lines(Path file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file)) {
                out.add(JSON.readTree(line));
            }
        }
        return out;
    }
}
