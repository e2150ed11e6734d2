package org.orderly.tools.aggregate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;

/** Publishes to a broker on 127.0.0.1 what gateways would, at QoS 1, a state retained as a gateway's is. */
final class GatewayPublisher implements AutoCloseable {
    /** How long a publish waits for room in Paho's in-flight window before it gives up. */
    private static final Duration WINDOW_PATIENCE = Duration.ofSeconds(30);

    private final MqttClient client;

    GatewayPublisher(String brokerUrl, String clientId) throws MqttException {
        client = new MqttClient(brokerUrl, clientId, new MemoryPersistence());
        client.connect();
    }

    /**
     * Publishes and waits for the PUBACK. Paho 1.2.5 wakes a waiting publisher at the PUBACK but frees its in-flight
     * slot later, on its callback thread; on a loaded machine a publisher sending one after another can find the
     * window full (32202, "Too many publishes in progress") with nothing unacknowledged. Such a publish was refused
     * before it was queued, so it is sent again once the window has room: nothing twice.
     */
    void publish(String topic, String payload) throws MqttException {
        publish(client, topic, payload, topic.endsWith("/state"));
    }

    /** As {@link #publish(String, String)}, on a client of the test's own, retained or not. */
    static void publish(MqttClient client, String topic, String payload, boolean retained) throws MqttException {
        long giveUp = System.nanoTime() + WINDOW_PATIENCE.toNanos();
        while (true) {
            try {
                client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, retained);
                return;
            } catch (MqttException e) {
                if (e.getReasonCode() != MqttClientException.REASON_CODE_MAX_INFLIGHT || System.nanoTime() > giveUp) {
                    throw e;
                }
                pause();
            }
        }
    }

    private static void pause() throws MqttException {
        try {
            TimeUnit.MILLISECONDS.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MqttException(e);
        }
    }

    /** A telemetry message of 10 kW from {@code gw}, numbered {@code seq}. */
    void telemetry(String gw, long seq, Instant ts) throws MqttException {
        publish(TelemetryJson.topic(gw), TelemetryJson.of(gw, seq, ts, 10));
    }

    @Override
    public void close() throws MqttException {
        client.disconnect();
        client.close();
    }
}
