package org.orderly.gateway.upstream.link;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.MqttReturnCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link BrokerClient} over Eclipse Paho's MQTT v5 client. */
final class Mqtt5Client implements BrokerClient {
    private static final Logger LOG = LoggerFactory.getLogger(Mqtt5Client.class);

    private final String broker;
    private final String clientId;
    private final MqttCallback callback;
    /** Replaced only after a CONNACK whose Receive Maximum Paho misread ({@link #misreadReceiveMaximum}). */
    private volatile MqttAsyncClient client;
    private volatile long maximumPacketSize;
    /**
     * The broker's Receive Maximum as Paho holds it: what the last CONNACK that had one announced. Paho keeps an
     * earlier connection's value when a CONNACK announces none, and so does this, so the window is never wider than
     * Paho's.
     */
    private int receiveMaximum = PahoReceiveMaximum.NONE_ANNOUNCED;
    private volatile PublishWindow window = window(PahoReceiveMaximum.NONE_ANNOUNCED);

    Mqtt5Client(String broker, String clientId, Events events) throws BrokerException {
        this.broker = broker;
        this.clientId = clientId;
        this.callback = new MqttCallback() {
            @Override
            public void disconnected(MqttDisconnectResponse response) {
                events.lost(LostConnection.why(response));
            }

            @Override
            public void mqttErrorOccurred(MqttException e) {
                LOG.warn("upstream: MQTT error: {}", e.toString());
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                MqttProperties p = message.getProperties();
                events.arrived(new IncomingCommand(topic, message.getPayload(),
                        p == null ? null : p.getResponseTopic(), p == null ? null : p.getCorrelationData()));
            }

            @Override
            public void deliveryComplete(IMqttToken token) {
            }

            @Override
            public void connectComplete(boolean reconnect, String serverUri) {
            }

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {
            }
        };
        this.client = newClient();
    }

    private MqttAsyncClient newClient() throws BrokerException {
        try {
            MqttAsyncClient c = new MqttAsyncClient(broker, clientId, new MemoryPersistence());
            c.setCallback(callback);
            return c;
        } catch (MqttException e) {
            throw BrokerException.of(e);
        }
    }

    @Override
    public void connect(ConnectRequest r) throws BrokerException {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        o.setAutomaticReconnect(false);
        o.setKeepAliveInterval(ConnectRequest.KEEP_ALIVE_S);
        o.setConnectionTimeout(r.tcpConnectSeconds());
        // Without it the broker sends a command of any size (Mosquitto: up to 256 MB), which Paho reads whole into
        // memory; with it the broker drops a larger message for this client instead (MQTT 5, 3.1.2.11.4). Paho holds
        // what it sends to it too (ownPacketLimit).
        o.setMaximumPacketSize(MqttLink.MAX_INCOMING_PACKET_BYTES);
        if (r.hasWill()) {
            o.setWill(r.willTopic(), new MqttMessage(r.willPayload(), 1, true, null));
        }
        r.tls().ifPresent(f -> {
            o.setSocketFactory(f);
            o.setHttpsHostnameVerificationEnabled(true);
        });
        r.username().ifPresent(o::setUserName);
        r.password().ifPresent(o::setPassword);
        maximumPacketSize = 0;
        try {
            IMqttToken token = client.connect(o);
            PahoInterrupt.kept(() -> token.waitForCompletion(r.connackWait().toMillis()));
            MqttProperties connack = token.getResponseProperties();
            Long max = connack == null ? null : connack.getMaximumPacketSize();
            maximumPacketSize = max == null ? 0 : max;
            PahoReceiveMaximum.of(connack).ifPresent(announced -> receiveMaximum = announced);
            window = window(receiveMaximum);
        } catch (PahoReceiveMaximum.Misread e) {
            throw misreadReceiveMaximum(e);
        } catch (MqttException e) {
            throw BrokerException.ofConnect(e, e.getReasonCode(), () -> client.disconnectForcibly(0, 1000, false));
        }
    }

    /**
     * A Receive Maximum Paho misread ({@link PahoReceiveMaximum}): Paho refuses every publish, and keeps the value, so
     * that its next CONNACK fails on its receiving thread and that attempt gets no CONNACK. So the connection is ended
     * (a DISCONNECT: the broker drops the will), the Paho client replaced, and the attempt fails saying what to change,
     * rather than the link waiting for room that never comes.
     */
    private BrokerException misreadReceiveMaximum(PahoReceiveMaximum.Misread why) {
        BrokerException failed = new BrokerException(why.getMessage() + " and then refuses every publish: "
                + PahoReceiveMaximum.SET_THE_BROKERS + ", or connect over MQTT 3.1.1 (protocol: mqtt311)", null);
        MqttAsyncClient misread = client;
        try {
            PahoInterrupt.kept(() -> misread.disconnect(1000).waitForCompletion(2000));
        } catch (MqttException e) {
            failed.addSuppressed(e);
        }
        try {
            misread.close(true);
        } catch (MqttException e) {
            failed.addSuppressed(e);
        }
        try {
            client = newClient();
        } catch (BrokerException e) {
            failed.addSuppressed(e);
        }
        return failed;
    }

    @Override
    public long maximumPacketSize() {
        return maximumPacketSize;
    }

    /** What it announces for incoming packets, which Paho 1.2.5 holds its outgoing ones to as well. */
    @Override
    public long ownPacketLimit() {
        return MqttLink.MAX_INCOMING_PACKET_BYTES;
    }

    @Override
    public int receiveMaximum() {
        return window.size();
    }

    private static PublishWindow window(int receiveMaximum) {
        return PublishWindow.ofPaho5(receiveMaximum);
    }

    @Override
    public void subscribe(List<String> topics, Subscribed done) throws BrokerException {
        MqttSubscription[] subs = topics.stream().map(t -> new MqttSubscription(t, 1)).toArray(MqttSubscription[]::new);
        try {
            client.subscribe(subs, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    // Paho completes the token normally on a SUBACK that refuses: its codes say so.
                    done.answered(token.getReasonCodes());
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    done.failed(e);
                }
            }, new MqttProperties());
        } catch (MqttException e) {
            throw BrokerException.of(e);
        }
    }

    @Override
    public Optional<String> publishAndWait(String topic, byte[] payload, boolean retained, long timeoutMs,
                                           Completion late) throws BrokerException {
        LateAnswer answer = new LateAnswer(late);
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        IMqttToken token = window.send(timeoutMs, freed -> client.publish(topic,
                new MqttMessage(payload, 1, retained, null), null, whenDone(freed, answer)));
        late.sent();
        try {
            // At least 1: Paho waits without end for 0.
            PahoInterrupt.kept(() -> token.waitForCompletion(Math.max(1,
                    TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime()))));
            answer.taken();
            return refusal(token);
        } catch (MqttException e) {
            if (answer.throwsAfterWait(e.getReasonCode(), e.getCause())) {
                throw BrokerException.of(e);
            }
            // Acknowledged as the wait ended: taken here, as if within it.
            return refusal(token);
        }
    }

    @Override
    public boolean publish(String topic, byte[] payload, boolean retained, Completion done) throws BrokerException {
        return window.trySend(freed -> client.publish(topic, new MqttMessage(payload, 1, retained, null), null,
                whenDone(freed, done))).isPresent();
    }

    /** The publish's completion: its room given back (Paho has freed its slot by now), then {@code done} told. */
    private static MqttActionListener whenDone(Runnable freed, Completion done) {
        return new MqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                freed.run();
                if (done != null) {
                    done.acknowledged(refusal(token).orElse(null));
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

    /**
     * Why the broker refused a publish, from its PUBACK's reason code (0x80 and above: 0x87 not authorized, 0x97 quota
     * exceeded, ...); empty when it took it. Paho 1.2.5 completes the token normally on such a PUBACK, with no
     * exception: its reason codes are the only sign.
     */
    private static Optional<String> refusal(IMqttToken token) {
        int[] codes = token.getReasonCodes();
        return codes != null && codes.length > 0 && codes[0] >= 0x80
                ? Optional.of("reason code 0x" + Integer.toHexString(codes[0])) : Optional.empty();
    }

    @Override
    public void reply(String topic, byte[] payload, byte[] correlation, long roomWaitMs, Completion done)
            throws BrokerException {
        MqttMessage m = new MqttMessage(payload, 1, false, new MqttProperties());
        if (correlation != null) {
            m.getProperties().setCorrelationData(correlation);
        }
        window.send(roomWaitMs, freed -> client.publish(topic, m, null, whenDone(freed, done)));
    }

    @Override
    public boolean isConnected() {
        return client.isConnected();
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
            // Reason code 0x04, "Disconnect with Will Message": the broker publishes the will (MQTT 5, 3.14.2.1). No
            // quiescing: the stop has waited for the PUBACK it would wait for already.
            PahoInterrupt.kept(() -> client.disconnect(0, null, null,
                    MqttReturnCode.RETURN_CODE_DISCONNECT_WITH_WILL_MESSAGE, new MqttProperties()).waitForCompletion(timeoutMs));
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
