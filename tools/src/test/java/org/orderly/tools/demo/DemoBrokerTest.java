package org.orderly.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.testkit.ExternalTools;

class DemoBrokerTest {
    @TempDir
    Path dir;

    @Test
    void port0TakesAFreePortAndTheUrlSaysWhich() throws Exception {
        try (DemoBroker broker = DemoBroker.start("127.0.0.1", 0, dir)) {
            assertThat(broker.port()).isPositive();
            assertThat(broker.url()).isEqualTo("tcp://127.0.0.1:" + broker.port());
        }
    }

    @Test
    void mosquittoClientsPublishAndSubscribeThroughIt() throws Exception {
        String sub = ExternalTools.requireProgram("mosquitto_sub", "mosquitto-clients");
        String pub = ExternalTools.requireProgram("mosquitto_pub", "mosquitto-clients");
        try (DemoBroker broker = DemoBroker.start("127.0.0.1", 0, dir)) {
            String port = Integer.toString(broker.port());
            Path received = dir.resolve("received.txt");
            Process subscriber = new ProcessBuilder(sub, "-h", "127.0.0.1", "-p", port, "-V", "mqttv311", "-q", "1",
                    "-t", "orderly/v1/+/telemetry", "-C", "1", "-v", "-W", "20")
                    .redirectErrorStream(true).redirectOutput(received.toFile()).start();
            String payload = "{\"v\":1,\"type\":\"telemetry\"}";
            // mosquitto_sub may not have subscribed yet: publish until it has its one message (or gives up).
            for (int i = 0; i < 40 && subscriber.isAlive(); i++) {
                Process publisher = new ProcessBuilder(pub, "-h", "127.0.0.1", "-p", port, "-V", "mqttv311", "-q",
                        "1", "-t", "orderly/v1/gw-1/telemetry", "-m", payload).redirectErrorStream(true).start();
                assertThat(publisher.waitFor(10, TimeUnit.SECONDS)).isTrue();
                assertThat(publisher.exitValue()).as(new String(publisher.getInputStream().readAllBytes())).isZero();
                subscriber.waitFor(250, TimeUnit.MILLISECONDS);
            }
            assertThat(subscriber.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(Files.readString(received, StandardCharsets.UTF_8).strip())
                    .isEqualTo("orderly/v1/gw-1/telemetry " + payload);
        }
    }

    /**
     * Moquette 0.17 answers an MQTT v5 CONNECT with "unacceptable protocol version" (MQTT v5 arrives in Moquette
     * 0.18, not served here). This pins the fact docs/aggregate.md reports; when the broker is upgraded it fails, and
     * the test should become a v5 publish/subscribe.
     */
    @Test
    void moquette017RefusesMqttV5Clients() throws Exception {
        try (DemoBroker broker = DemoBroker.start("127.0.0.1", 0, dir)) {
            MqttClient client = new MqttClient(broker.url(), "paho-v5", new MemoryPersistence());
            try {
                assertThatThrownBy(client::connect).isInstanceOf(MqttException.class)
                        .hasMessageContaining("Invalid Return code");
            } finally {
                client.close();
            }
        }
    }

    @Test
    void aTakenPortIsOneClearError() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            assertThatThrownBy(() -> DemoBroker.start("127.0.0.1", taken.getLocalPort(), dir))
                    .isInstanceOf(PeerPortTaken.class)
                    .hasMessageStartingWith("MQTT broker: cannot listen on 127.0.0.1:" + taken.getLocalPort() + " (");
        }
    }
}
