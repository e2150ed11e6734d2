package org.orderly.gateway.upstream.link;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * {@link BrokerClient} over Eclipse Paho's MQTT 3.1.1 client, for brokers without v5. A 3.1.1 PUBACK has no reason
 * code and a message has no properties: every acknowledgement is a success, and commands arrive without a response
 * topic or correlation data.
 */
final class Mqtt311Client implements BrokerClient {
    /**
     * Paho 3.1.1 refuses a publish beyond this many unacknowledged (its default is 10, the link's own window): room
     * for the window plus replies to commands.
     */
    private static final int MAX_INFLIGHT = 2 * MqttLink.WINDOW;

    private final MqttAsyncClient client;
    /** A new one for each connection: what the last one still holds ends with it. */
    private volatile PublishWindow window = window();

    Mqtt311Client(String broker, String clientId, Events events) throws BrokerException {
        try {
            client = new MqttAsyncClient(broker, clientId, new MemoryPersistence());
        } catch (MqttException e) {
            throw BrokerException.of(e);
        }
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                events.lost(LostConnection.why(cause));
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                events.arrived(new IncomingCommand(topic, message.getPayload(), null, null));
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        });
    }

    @Override
    public void connect(ConnectRequest r) throws BrokerException {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        o.setCleanSession(true);
        o.setAutomaticReconnect(false);
        o.setKeepAliveInterval(ConnectRequest.KEEP_ALIVE_S);
        o.setConnectionTimeout(r.tcpConnectSeconds());
        o.setMaxInflight(MAX_INFLIGHT);
        if (r.hasWill()) {
            o.setWill(r.willTopic(), r.willPayload(), 1, true);
        }
        r.tls().ifPresent(f -> {
            o.setSocketFactory(f);
            o.setHttpsHostnameVerificationEnabled(true);
        });
        r.username().ifPresent(o::setUserName);
        r.password().ifPresent(p -> o.setPassword(new String(p, StandardCharsets.UTF_8).toCharArray()));
        try {
            PahoInterrupt.kept(() -> client.connect(o).waitForCompletion(r.connackWait().toMillis()));
            window = window();
        } catch (MqttException e) {
            throw BrokerException.ofConnect(e, e.getReasonCode(), () -> client.disconnectForcibly(0, 1000, false));
        }
    }

    @Override
    public void subscribe(List<String> topics, Subscribed done) throws BrokerException {
        int[] qos = new int[topics.size()];
        Arrays.fill(qos, 1);
        try {
            client.subscribe(topics.toArray(String[]::new), qos, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    // A refusal is 0x80 in place of the QoS granted; Paho completes the token normally.
                    done.answered(token.getGrantedQos());
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    done.failed(e);
                }
            });
        } catch (MqttException e) {
            throw BrokerException.of(e);
        }
    }

    /** Paho refuses a publish while {@link #MAX_INFLIGHT} are unacknowledged (32202). */
    private static PublishWindow window() {
        return new PublishWindow(MAX_INFLIGHT, "the client's own limit: MQTT 3.1.1 brokers announce none",
                e -> e instanceof MqttException m && m.getReasonCode() == MqttException.REASON_CODE_MAX_INFLIGHT);
    }

    @Override
    public int receiveMaximum() {
        return window.size();
    }

    @Override
    public Optional<String> publishAndWait(String topic, byte[] payload, boolean retained, long timeoutMs,
                                           Completion late) throws BrokerException {
        LateAnswer answer = new LateAnswer(late);
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        IMqttToken token = window.send(timeoutMs, freed -> client.publish(topic, payload, 1, retained, null,
                whenDone(freed, answer)));
        late.sent();
        try {
            // A 3.1.1 PUBACK has no reason code: a broker that denies the PUBLISH acknowledges it all the same
            // (Mosquitto does) or closes the connection. At least 1 ms: Paho waits without end for 0.
            PahoInterrupt.kept(() -> token.waitForCompletion(Math.max(1,
                    TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime()))));
            answer.taken();
            return Optional.empty();
        } catch (MqttException e) {
            if (answer.throwsAfterWait(e.getReasonCode(), e.getCause())) {
                throw BrokerException.of(e);
            }
            // Acknowledged as the wait ended: taken here, as if within it.
            return Optional.empty();
        }
    }

    @Override
    public boolean publish(String topic, byte[] payload, boolean retained, Completion done) throws BrokerException {
        return window.trySend(freed -> client.publish(topic, payload, 1, retained, null, whenDone(freed, done)))
                .isPresent();
    }

    /** The publish's completion: its room given back (Paho has freed its slot by now), then {@code done} told. */
    private static IMqttActionListener whenDone(Runnable freed, Completion done) {
        return new IMqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                freed.run();
                if (done != null) {
                    done.acknowledged(null);
                }
            }

            @Override
            public void onFailure(IMqttToken token, Throwable e) {
                freed.run();
                if (done != null) {
                    done.failed(e);
                }
            }
        };
    }

    @Override
    public void reply(String topic, byte[] payload, byte[] correlation, long roomWaitMs, Completion done)
            throws BrokerException {
        window.send(roomWaitMs, freed -> client.publish(topic, payload, 1, false, null, whenDone(freed, done)));
    }

    @Override
    public boolean isConnected() {
        return client.isConnected();
    }

    /** MQTT 3.1.1 has no way for a broker to say its packet size limit. */
    @Override
    public long maximumPacketSize() {
        return 0;
    }

    /** Paho's MQTT 3.1.1 client sends a packet of any size. */
    @Override
    public long ownPacketLimit() {
        return 0;
    }

    @Override
    public void disconnect(long timeoutMs) throws BrokerException {
        try {
            PahoInterrupt.kept(() -> client.disconnect(timeoutMs).waitForCompletion(timeoutMs + 1000));
        } catch (MqttException e) {
            throw BrokerException.of(e);
        }
    }

    @Override
    public void disconnectLeavingWill(long timeoutMs) throws BrokerException {
        try {
            // MQTT 3.1.1 cannot ask for the will in a DISCONNECT; the broker publishes it when the network connection
            // ends without one (3.1.2.5). No quiescing: the stop has waited for the PUBACK it would wait for already.
            PahoInterrupt.kept(() -> client.disconnectForcibly(0, timeoutMs, false));
        } catch (MqttException e) {
            throw BrokerException.of(e);
        }
    }

    /** Closed even while connecting or connected ({@link PahoClose}). */
    @Override
    public void close() throws BrokerException {
        PahoClose.closeEndingConnection(() -> client.close(true), () -> client.disconnectForcibly(0, 1000, false));
    }
}
