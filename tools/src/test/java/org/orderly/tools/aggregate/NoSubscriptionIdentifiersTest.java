package org.orderly.tools.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.LongStream;
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
    /**
     * The capability is read at every CONNACK: the broker behind the same address says it has identifiers, then, after
     * the connections dropped, that it has none, then that it has them again. Until 2026-12-05 it was read at the
     * first connect only, and the renewed SUBSCRIBE carried the identifier to a broker that now had none, which ended
     * every connection: nothing more was taken.
     */
    @Test
    void theCapabilityIsReadAgainAtEveryReconnect() throws Exception {
        Instant now = Instant.now();
        try (Mosquitto broker = Mosquitto.start(dir);
             NoIdentifiersRelay relay = new NoIdentifiersRelay(broker.port())) {
            relay.identifiers(true);
            MqttClient gw = new MqttClient(broker.url(), GATEWAY, new MemoryPersistence());
            gw.connect();
            try (AggregateInstance agg = new AggregateInstance(relay.url(), "ids-change", "idchange", dir, 300)) {
                assertThat(relay.identifiedSubscribes()).as("the shared and the plain state subscription").isEqualTo(2);
                TelemetryJson.publish(gw, GATEWAY, 1, 5, now);
                SharedSubscriptionTest.awaitTrue(Duration.ofSeconds(20), () -> agg.journalledSeqs().contains(5L));

                relay.identifiers(false);
                relay.dropConnections();
                SharedSubscriptionTest.awaitTrue(Duration.ofSeconds(20), () -> relay.subscribes() == 1);
                TelemetryJson.publish(gw, GATEWAY, 6, 10, now);
                SharedSubscriptionTest.awaitTrue(Duration.ofSeconds(20), () -> agg.journalledSeqs().contains(10L));
                assertThat(relay.refused()).as("SUBSCRIBEs the broker without identifiers had to refuse").isEmpty();

                relay.identifiers(true);
                relay.dropConnections();
                SharedSubscriptionTest.awaitTrue(Duration.ofSeconds(20), () -> relay.identifiedSubscribes() == 4);
                TelemetryJson.publish(gw, GATEWAY, 11, 15, now);
                SharedSubscriptionTest.awaitTrue(Duration.ofSeconds(20), () -> agg.journalledSeqs().contains(15L));
                assertThat(agg.journalledSeqs()).as("each once").containsExactlyElementsOf(
                        LongStream.rangeClosed(1, 15).boxed().toList());
                assertThat(agg.counters().openGaps()).isZero();
            } finally {
                gw.disconnect();
                gw.close();
            }
        }
    }
}
