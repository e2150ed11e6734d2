package org.orderly.tools.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.testkit.Mosquitto;

/**
 * A compound that goes silent: while it is connected, the number of its will is held back and counted open; when its
 * connection ends badly Mosquitto publishes the will, which closes that gap.
 */
class SilentCompoundTest {
    @TempDir
    Path dir;

    @Test
    void theWillThatTheBrokerPublishesClosesTheGapItsNumberLeft() throws Exception {
        Instant now = Instant.now();
        try (Mosquitto broker = Mosquitto.start(dir)) {
            AggregateInstance agg = new AggregateInstance(broker.url(), "silent", "silent", dir);
            MqttAsyncClient gw = new MqttAsyncClient(broker.url(), "gw-silent", new MemoryPersistence());
            try {
                MqttConnectionOptions options = new MqttConnectionOptions();
                MqttMessage will = new MqttMessage(GatewayJson.state("gw-silent", 2, now, "offline", true)
                        .getBytes(StandardCharsets.UTF_8), 1, true, null);
                options.setWill(GatewayJson.topic("gw-silent", "state"), will);
                gw.connect(options).waitForCompletion(10_000);
                gw.publish(GatewayJson.topic("gw-silent", "state"), GatewayJson.state("gw-silent", 1, now, "online",
                        true).getBytes(StandardCharsets.UTF_8), 1, true).waitForCompletion(10_000);
                for (long seq = 3; seq <= 4; seq++) {
                    gw.publish(TelemetryJson.topic("gw-silent"), TelemetryJson.of("gw-silent", seq, now, 5)
                            .getBytes(StandardCharsets.UTF_8), 1, false).waitForCompletion(10_000);
                }
                SharedSubscriptionTest.awaitTrue(Duration.ofSeconds(20), () -> agg.counters().accepted() == 3);
                assertThat(agg.counters().openGaps()).as("the held will").isEqualTo(1);

                // Reason code 0x04: disconnect with the will, as a broken connection would.
                gw.disconnect(5_000, null, null, 4, new MqttProperties()).waitForCompletion(10_000);
                SharedSubscriptionTest.awaitTrue(Duration.ofSeconds(20), () -> agg.counters().accepted() == 4);
                assertThat(agg.counters().openGaps()).isZero();
                assertThat(agg.counters().duplicates()).isZero();
            } finally {
                gw.close();
                agg.close();
            }
        }
    }
}
