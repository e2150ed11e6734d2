package org.orderly.tools.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

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
 * The instance's connection ends and, for a while, every new one is closed as soon as its CONNECT came, before any
 * CONNACK (a broker, or a relay in front of it, turning connections away). Once connections pass again it must resume its session within
 * Paho's longest reconnect delay (30 s) and a little more, and journal what the broker kept for it meanwhile.
 */
class RefusedReconnectTest {
    private static final String GATEWAY = "gw-refused";
    /** Paho's reconnect delay grows to 30 s: twice that is ample for one more attempt after the relay opens. */
    private static final Duration RESUMED_WITHIN = Duration.ofSeconds(60);

    /**
     * How long connections are turned away after the first attempt was: with the back-off's 1, 2, 4 s, two or three
     * more attempts are turned away, as a broker restarting behind a proxy does.
     */
    private static final Duration OUTAGE = Duration.ofSeconds(6);

    @TempDir
    Path dir;

    @Test
    void resumesAfterConnectionsClosedBeforeConnackAndLosesNothingKept() throws Exception {
        Instant now = Instant.now();
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"));
             ClosingRelay relay = new ClosingRelay(broker.port())) {
            MqttClient gw = new MqttClient(broker.url(), GATEWAY, new MemoryPersistence());
            gw.connect();
            try (AggregateInstance agg = new AggregateInstance(relay.url(), "refused", "ref", dir.resolve("agg"), 600)) {
                TelemetryJson.publish(gw, GATEWAY, 1, 5, now);
                SharedSubscriptionTest.awaitTrue(Duration.ofSeconds(20), () -> agg.journalledSeqs().contains(5L));

                relay.refuse();
                SharedSubscriptionTest.awaitTrue(Duration.ofSeconds(20), () -> relay.refused() >= 1);
                Thread.sleep(OUTAGE.toMillis()); // the outage: attempts meanwhile are turned away too
                TelemetryJson.publish(gw, GATEWAY, 6, 15, now); // kept by the broker for the instance's session
                relay.open();

                SharedSubscriptionTest.awaitTrue(RESUMED_WITHIN, () -> agg.journalledSeqs().contains(15L));
                TelemetryJson.publish(gw, GATEWAY, 16, 20, now);
                SharedSubscriptionTest.awaitTrue(Duration.ofSeconds(20), () -> agg.journalledSeqs().contains(20L));

                assertThat(agg.journalledSeqs()).as("journalled numbers")
                        .isEqualTo(LongStream.rangeClosed(1, 20).boxed().toList());
                assertThat(agg.counters().openGaps()).as("missing numbers").isZero();
            } finally {
                gw.disconnect();
                gw.close();
            }
        }
    }
}
