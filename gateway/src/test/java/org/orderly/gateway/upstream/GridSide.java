package org.orderly.gateway.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.orderly.gateway.upstream.link.BrokerException;
import org.orderly.gateway.upstream.link.PahoReceiveMaximum;
import org.orderly.gateway.upstream.link.PublishWindow;

/**
 * The grid company's side in tests: a real MQTT v5 client on the broker, subscribed to everything a gateway
 * publishes with a persistent session (so messages published while it is away are queued for it), recording every
 * message as it arrives; and a requester that sends commands with a response topic and correlation data.
 */
public final class GridSide implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    public record Received(String topic, JsonNode json, boolean retained) {
        public String id() {
            return json.path("id").asText();
        }

        public long seq() {
            return json.path("seq").asLong();
        }
    }

    private final String brokerUri;
    private final String clientId;
    private final org.eclipse.paho.mqttv5.client.MqttCallback callback;
    private volatile MqttClient client;
    private final MqttConnectionOptions options;
    private final List<Received> received = new ArrayList<>();
    private final BlockingQueue<MqttMessage> replies = new LinkedBlockingQueue<>();
    private final String replyTopic;
    /** Room among the broker's Receive Maximum, as the gateway's link keeps it: Paho would refuse a publish (32202). */
    private volatile PublishWindow window;

    public GridSide(String brokerUri, String gatewayId) throws MqttException {
        this(brokerUri, gatewayId, "grid/replies/" + gatewayId + "/" + System.nanoTime());
    }

    /** A grid side whose commands name {@code replyTopic} as their response topic. */
    public GridSide(String brokerUri, String gatewayId, String replyTopic) throws MqttException {
        this.brokerUri = brokerUri;
        this.clientId = "grid-" + gatewayId + "-" + System.nanoTime();
        client = new MqttClient(brokerUri, clientId, new MemoryPersistence());
        this.replyTopic = replyTopic;
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(false);
        o.setSessionExpiryInterval(3600L);
        options = o;
        callback = new org.eclipse.paho.mqttv5.client.MqttCallback() {
            @Override
            public void disconnected(org.eclipse.paho.mqttv5.client.MqttDisconnectResponse r) {
            }

            @Override
            public void mqttErrorOccurred(MqttException e) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage m) throws IOException {
                if (topic.equals(replyTopic)) {
                    replies.add(m);
                    return;
                }
                synchronized (received) {
                    received.add(new Received(topic, JSON.readTree(m.getPayload()), m.isRetained()));
                    received.notifyAll();
                }
            }

            @Override
            public void deliveryComplete(org.eclipse.paho.mqttv5.client.IMqttToken t) {
            }

            @Override
            public void connectComplete(boolean reconnect, String uri) {
            }

            @Override
            public void authPacketArrived(int code, MqttProperties p) {
            }
        };
        client.setCallback(callback);
        window = windowOf(client.connectWithResult(o));
        client.subscribe(new String[] {"orderly/v1/" + gatewayId + "/#", replyTopic}, new int[] {1, 1});
    }

    /**
     * After the broker is back: connects again to the session the broker kept (its subscriptions and the messages
     * queued for it), retrying for up to 20 s. Explicit rather than Paho's automatic reconnect, so a test knows when
     * this side is listening again.
     */
    public void reconnect() throws InterruptedException {
        long until = System.currentTimeMillis() + 20_000;
        Exception last = null;
        while (System.currentTimeMillis() < until) {
            try {
                // A fresh client object each time: what the old one remembers of in-flight acknowledgements belongs to
                // the broker process that is gone, and replaying it can get the new connection closed.
                MqttClient old = client;
                try {
                    old.disconnectForcibly(0, 100, false);
                } catch (MqttException alreadyClosed) {
                    // it lost its connection with the broker; nothing to close
                }
                old.close(true);
                MqttClient fresh = new MqttClient(brokerUri, clientId, new MemoryPersistence());
                fresh.setCallback(callback);
                window = windowOf(fresh.connectWithResult(options));
                client = fresh;
                return;
            } catch (MqttException e) {
                last = e;
                Thread.sleep(200);
            }
        }
        throw new AssertionError("grid side could not reconnect within 20 s", last);
    }

    /** The connection's window; a Receive Maximum Paho misreads fails the test saying so, as the gateway's link does. */
    private static PublishWindow windowOf(IMqttToken connected) {
        try {
            return PublishWindow.ofPaho5(PahoReceiveMaximum.of(connected.getResponseProperties())
                    .orElse(PahoReceiveMaximum.NONE_ANNOUNCED));
        } catch (PahoReceiveMaximum.Misread e) {
            throw new IllegalStateException("grid side: " + e.getMessage() + ", and then refuses every publish: "
                    + PahoReceiveMaximum.SET_THE_BROKERS, e);
        }
    }

    /**
     * Publishes at QoS 1 once the broker takes another unacknowledged publish. Paho's synchronous publish returns once
     * the PUBACK is in, before it has freed its own slot: the next publish may then be refused for a full window, which
     * {@link PublishWindow} waits out.
     */
    private void publish(String topic, MqttMessage m) throws MqttException {
        MqttClient c = client;
        try {
            window.send(10_000, freed -> {
                try {
                    c.publish(topic, m);
                } finally {
                    freed.run();
                }
                return true; // the window wants a result

            });
        } catch (BrokerException e) {
            if (e.getCause() instanceof MqttException paho) {
                throw paho;
            }
            throw new IllegalStateException("grid side: publishing to " + topic + " failed", e);
        }
    }

    public List<Received> all() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** The messages in arrival order, each id once (its first arrival): what a consumer de-duplicating by id sees. */
    public List<Received> deduplicated() {
        Map<String, Received> first = new LinkedHashMap<>();
        for (Received r : all()) {
            if (r.json().has("seq")) {
                first.putIfAbsent(r.id(), r);
            }
        }
        return List.copyOf(first.values());
    }

    /** Waits until some message satisfies {@code p}; returns it. */
    public Received await(Predicate<Received> p, long timeoutMs) throws InterruptedException {
        long until = System.currentTimeMillis() + timeoutMs;
        synchronized (received) {
            while (true) {
                for (Received r : received) {
                    if (p.test(r)) {
                        return r;
                    }
                }
                long left = until - System.currentTimeMillis();
                if (left <= 0) {
                    throw new AssertionError("no such message within " + timeoutMs + " ms; got " + received.size());
                }
                received.wait(left);
            }
        }
    }

    /** Waits until every number 1..{@code last} has arrived. */
    public void awaitAllUpTo(long last, long timeoutMs) throws InterruptedException {
        long until = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < until) {
            if (deduplicated().stream().filter(r -> r.seq() <= last).count() >= last) {
                return;
            }
            Thread.sleep(100);
        }
    }

    /** Publishes a command with this side's response topic and {@code correlation}; returns the reply, or null. */
    public JsonNode request(String topic, String payload, String correlation, long timeoutMs) throws Exception {
        return request(topic, payload.getBytes(StandardCharsets.UTF_8), correlation, timeoutMs);
    }

    public JsonNode request(String topic, byte[] payload, String correlation, long timeoutMs) throws Exception {
        MqttMessage m = new MqttMessage(payload, 1, false, new MqttProperties());
        m.getProperties().setResponseTopic(replyTopic);
        m.getProperties().setCorrelationData(correlation.getBytes(StandardCharsets.UTF_8));
        publish(topic, m);
        MqttMessage reply = replies.poll(timeoutMs, TimeUnit.MILLISECONDS);
        if (reply == null) {
            return null;
        }
        String got = new String(reply.getProperties().getCorrelationData(), StandardCharsets.UTF_8);
        if (!got.equals(correlation)) {
            throw new AssertionError("reply correlation " + got + ", expected " + correlation);
        }
        return JSON.readTree(reply.getPayload());
    }

    /** How many replies arrived on this side's response topic that no {@link #request} has taken. */
    public int repliesNotTaken() {
        return replies.size();
    }

    /** Publishes without a response topic. */
    public void send(String topic, String payload) throws MqttException {
        publish(topic, new MqttMessage(payload.getBytes(StandardCharsets.UTF_8), 1, false, null));
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect();
        }
        client.close();
    }
}
