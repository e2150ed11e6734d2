package org.orderly.tools.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.testkit.Mosquitto;

/**
 * An instance that starts while a gateway has been connected for a while: the broker holds the gateway's retained
 * {@code online}, numbered long before what the gateway sends now. Mosquitto 2.0.11 gives a retained message to a
 * new shared subscription too; it is an old copy and must not be taken as the gateway's baseline (everything between
 * it and the live numbers would count as lost).
 */
class RetainedStateTest {
    private static final String GATEWAY = "gw-ret";

    @TempDir
    Path dir;

    @Test
    void aRetainedStateOpensNoGapBeforeTheLiveNumbers() throws Exception {
        Instant now = Instant.now();
        try (Mosquitto broker = Mosquitto.start(dir)) {
            MqttClient gw = new MqttClient(broker.url(), GATEWAY, new MemoryPersistence());
            gw.connect();
            try {
                // Connected minutes ago: online 10 retained (its will 11 held), then 12..160 went to whoever listened.
                gw.publish(GatewayJson.topic(GATEWAY, "state"), GatewayJson.online(GATEWAY, 10, now.minusSeconds(300),
                        11).getBytes(StandardCharsets.UTF_8), 1, true);
                for (long seq = 12; seq <= 160; seq++) {
                    gw.publish(TelemetryJson.topic(GATEWAY), TelemetryJson.of(GATEWAY, seq, now, 1)
                            .getBytes(StandardCharsets.UTF_8), 1, false);
                }
                try (AggregateInstance agg = new AggregateInstance(broker.url(), "late-starter", "ret", dir)) {
                    for (long seq = 161; seq <= 170; seq++) {
                        gw.publish(TelemetryJson.topic(GATEWAY), TelemetryJson.of(GATEWAY, seq, now, 1)
                                .getBytes(StandardCharsets.UTF_8), 1, false);
                    }
                    SharedSubscriptionTest.awaitTrue(Duration.ofSeconds(20), () -> agg.journalledSeqs().contains(170L));
                    Aggregator.Counters c = agg.counters();
                    assertThat(c.gapsSeen()).as("seqs counted as skipped").isZero();
                    assertThat(c.openGaps()).as("seqs counted as missing").isZero();
                    assertThat(agg.journalledSeqs()).as("journalled numbers").containsExactly(161L, 162L, 163L, 164L,
                            165L, 166L, 167L, 168L, 169L, 170L);
                }
            } finally {
                gw.disconnect();
                gw.close();
            }
        }
    }
}
