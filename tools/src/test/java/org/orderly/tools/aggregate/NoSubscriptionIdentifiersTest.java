package org.orderly.tools.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

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
 * A broker whose CONNACK says it has no subscription identifiers (MQTT 5, 3.2.2.3.12) gets the shared subscriptions
 * only, with no identifier: one in a SUBSCRIBE to such a broker is a Protocol Error that ends the connection
 * (3.8.2.1.2). Mosquitto 2.0.11 behind {@link NoIdentifiersRelay} plays such a broker: it gives the retained
 * {@code state} on the shared subscription, which is then taken as it comes (docs/aggregate.md, "Retained state").
 */
class NoSubscriptionIdentifiersTest {
    private static final String GATEWAY = "gw-noid";

    @TempDir
    Path dir;

    @Test
    void aBrokerWithoutSubscriptionIdentifiersGetsTheSharedSubscriptionsWithoutOne() throws Exception {
        Instant now = Instant.now();
        try (Mosquitto broker = Mosquitto.start(dir);
             NoIdentifiersRelay relay = new NoIdentifiersRelay(broker.port())) {
            MqttClient gw = new MqttClient(broker.url(), GATEWAY, new MemoryPersistence());
            gw.connect();
            try {
                gw.publish(GatewayJson.topic(GATEWAY, "state"), GatewayJson.online(GATEWAY, 10, now.minusSeconds(60),
                        11).getBytes(StandardCharsets.UTF_8), 1, true);
                try (AggregateInstance agg = new AggregateInstance(relay.url(), "no-ids", "noid", dir)) {
                    for (long seq = 12; seq <= 20; seq++) {
                        gw.publish(TelemetryJson.topic(GATEWAY), TelemetryJson.of(GATEWAY, seq, now, 1)
                                .getBytes(StandardCharsets.UTF_8), 1, false);
                    }
                    SharedSubscriptionTest.awaitTrue(Duration.ofSeconds(20), () -> agg.journalledSeqs().contains(20L));
                    assertThat(relay.refused()).as("SUBSCRIBEs the broker had to refuse").isEmpty();
                    assertThat(relay.subscribes()).as("the shared subscriptions' SUBSCRIBE, no plain one").isEqualTo(1);
                    Aggregator.Counters c = agg.counters();
                    assertThat(c.duplicates()).as("the retained online 10, given on the shared subscription: a copy,"
                            + " no baseline").isEqualTo(1);
                    assertThat(c.openGaps()).isZero();
                    assertThat(agg.journalledSeqs()).containsExactly(12L, 13L, 14L, 15L, 16L, 17L, 18L, 19L, 20L);
                }
            } finally {
                gw.disconnect();
                gw.close();
            }
        }
    }
}
