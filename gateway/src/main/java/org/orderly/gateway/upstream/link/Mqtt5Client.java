package org.orderly.gateway.upstream.link;

import java.util.List;
import java.util.Optional;
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

    private final MqttAsyncClient client;
    private volatile long maximumPacketSize;

    Mqtt5Client(String broker, String clientId, Events events) throws BrokerException {
        try {
            client = new MqttAsyncClient(broker, clientId, new MemoryPersistence());
        } catch (MqttException e) {
            throw BrokerException.of(e);
        }
        client.setCallback(new MqttCallback() {
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
        });
    }

    @Override
    public void connect(ConnectRequest r) throws BrokerException {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        o.setAutomaticReconnect(false);
        o.setKeepAliveInterval(ConnectRequest.KEEP_ALIVE_S);
        o.setConnectionTimeout(ConnectRequest.CONNECT_TIMEOUT_S);
        // Without it the broker sends a command of any size (Mosquitto: up to 256 MB), which Paho reads whole into
        // memory; with it the broker drops a larger message for this client instead (MQTT 5, 3.1.2.11.4).
        o.setMaximumPacketSize(MqttLink.MAX_INCOMING_PACKET_BYTES);
        o.setWill(r.willTopic(), new MqttMessage(r.willPayload(), 1, true, null));
        r.tls().ifPresent(f -> {
            o.setSocketFactory(f);
            o.setHttpsHostnameVerificationEnabled(true);
        });
        r.username().ifPresent(o::setUserName);
        r.password().ifPresent(o::setPassword);
        maximumPacketSize = 0;
        try {
            IMqttToken token = client.connect(o);
            token.waitForCompletion(r.connackWait().toMillis());
            MqttProperties connack = token.getResponseProperties();
            Long max = connack == null ? null : connack.getMaximumPacketSize();
            maximumPacketSize = max == null ? 0 : max;
        } catch (MqttException e) {
            throw BrokerException.ofConnect(e, e.getReasonCode(), () -> client.disconnectForcibly(0, 1000, false));
        }
    }

    @Override
    public long maximumPacketSize() {
        return maximumPacketSize;
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
    public Optional<String> publishAndWait(String topic, byte[] payload, boolean retained, long timeoutMs)
            throws BrokerException {
        try {
            IMqttToken token = client.publish(topic, new MqttMessage(payload, 1, retained, null));
            token.waitForCompletion(timeoutMs);
            return refusal(token);
        } catch (MqttException e) {
            throw BrokerException.of(e);
        }
    }

    @Override
    public void publish(String topic, byte[] payload, boolean retained, Completion done) throws BrokerException {
        try {
            client.publish(topic, new MqttMessage(payload, 1, retained, null), null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    done.acknowledged(refusal(token).orElse(null));
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
    public void reply(String topic, byte[] payload, byte[] correlation) throws BrokerException {
        MqttMessage m = new MqttMessage(payload, 1, false, new MqttProperties());
        if (correlation != null) {
            m.getProperties().setCorrelationData(correlation);
        }
        try {
            client.publish(topic, m);
        } catch (MqttException e) {
            throw BrokerException.of(e);
        }
    }

    @Override
    public boolean isConnected() {
        return client.isConnected();
    }

    @Override
    public void disconnect(long timeoutMs) throws BrokerException {
        try {
            client.disconnect(timeoutMs).waitForCompletion(timeoutMs + 1000);
        } catch (MqttException e) {
            throw BrokerException.of(e);
        }
    }

    @Override
    public void disconnectLeavingWill(long timeoutMs) throws BrokerException {
        try {
            // Reason code 0x04, "Disconnect with Will Message": the broker publishes the will (MQTT 5, 3.14.2.1). No
            // quiescing: the stop has waited for the PUBACK it would wait for already.
            client.disconnect(0, null, null, MqttReturnCode.RETURN_CODE_DISCONNECT_WITH_WILL_MESSAGE,
                    new MqttProperties()).waitForCompletion(timeoutMs);
        } catch (MqttException e) {
            throw BrokerException.of(e);
        }
    }

    @Override
    public void close() throws BrokerException {
        try {
            client.close(true);
        } catch (MqttException e) {
            throw BrokerException.of(e);
        }
    }
}
