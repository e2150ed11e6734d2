package org.orderly.tools.aggregate;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;

/** Publishes to a broker on 127.0.0.1 what gateways would, at QoS 1, a state retained as a gateway's is. */
final class GatewayPublisher implements AutoCloseable {
    private final MqttClient client;

    GatewayPublisher(String brokerUrl, String clientId) throws MqttException {
        client = new MqttClient(brokerUrl, clientId, new MemoryPersistence());
        client.connect();
    }

    void publish(String topic, String payload) throws MqttException {
        client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, topic.endsWith("/state"));
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
