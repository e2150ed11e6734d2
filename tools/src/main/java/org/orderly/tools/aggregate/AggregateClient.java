package org.orderly.tools.aggregate;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.orderly.gateway.tls.LastGoodTls;
import org.orderly.gateway.upstream.link.LostConnection;
import org.orderly.gateway.upstream.link.PahoReceiveMaximum;
import org.orderly.gateway.upstream.link.TlsContexts;
import org.orderly.gateway.upstream.link.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The aggregate instance's MQTT v5 session (Eclipse Paho): it joins the share group with QoS 1, holds a plain
 * subscription to the gateways' {@code state} for their retained copies ({@link Subscriptions}: a broker following
 * MQTT 5 gives none on a shared subscription), and hands every message it takes to the {@link Intake} (the
 * {@link Aggregator}) inside the callback. The PUBACKs are sent by hand ({@link AckAfterForce}), once the message is
 * counted and its journal (or dead-letter) line is on the disk; a message whose taking throws is kept in the
 * dead-letter file first. The session outlives short disconnects ({@code cleanStart=false} and a session expiry), so
 * the broker keeps this instance's subscription meanwhile; the {@link Reconnector} reconnects (not Paho's automatic
 * reconnect, which could stay "Connect already in progress" for good after a connection closed before its CONNACK)
 * and the subscriptions are renewed each time. A message left unacknowledged makes the instance reconnect after a
 * pause ({@link Redelivery}), since only then does the broker give it again.
 */
public final class AggregateClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AggregateClient.class);
    private static final long CONNECT_TIMEOUT_MS = 30_000;
    /** How long a reconnect waits for its CONNACK before it is ended and, after the pause, tried again. */
    private static final long RECONNECT_ATTEMPT_MS = 10_000;
    private static final String WITHOUT_IDENTIFIERS = "the gateways' retained state is taken only if the broker gives it"
            + " on the shared subscription, which MQTT 5 does not ask for";

    /** The Paho client of the connection, a new one after a misread Receive Maximum ({@link Clients}). */
    private final PahoClients clients = new PahoClients();
    private final BrokerSettings settings;
    private final Intake aggregator;
    private final AckAfterForce acks;
    private final Redelivery redelivery;
    /** Set by {@link #connect()}, with the options every reconnect uses. */
    private volatile Reconnector reconnector;
    /** Whether the last CONNACK allowed subscription identifiers ({@link Subscriptions}); read at every one. */
    private volatile boolean identifiersAvailable = true;

    private AggregateClient(BrokerSettings settings, Intake aggregator) throws MqttException {
        this.settings = settings;
        this.aggregator = aggregator;
        clients.take(newClient());
        this.redelivery = new Redelivery(settings.clientId(), this::reconnectForRedelivery);
        // Sent by the client of the connection now: a message taken on an earlier one is kept for this session by the
        // broker under the same packet identifier until it is acknowledged (MQTT 5, 4.4).
        this.acks = new AckAfterForce(settings.clientId(), aggregator::force, aggregator::lineLost,
                (messageId, qos) -> clients.current().messageArrivedComplete(messageId, qos), redelivery);
    }

    private MqttAsyncClient newClient() throws MqttException {
        MqttAsyncClient c = new MqttAsyncClient(settings.url(), settings.clientId(), new MemoryPersistence());
        c.setCallback(new Callback(c));
        c.setManualAcks(true);
        return c;
    }

    /** Connects and subscribes; fails with the broker's reason when either is refused. */
    public static AggregateClient start(BrokerSettings settings, Intake aggregator)
            throws MqttException, IOException, GeneralSecurityException {
        AggregateClient c = new AggregateClient(settings, aggregator);
        try {
            c.connect();
        } catch (MqttException | IOException | GeneralSecurityException | RuntimeException e) {
            c.closeQuietly();
            throw e;
        }
        return c;
    }

    private void connect() throws MqttException, IOException, GeneralSecurityException {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(false);
        o.setSessionExpiryInterval(settings.sessionExpirySeconds());
        o.setKeepAliveInterval(30);
        settings.username().ifPresent(o::setUserName);
        settings.password().ifPresent(o::setPassword);
        Supplier<MqttConnectionOptions> options = () -> o;
        if (settings.url().startsWith("ssl://")) {
            // The gateway's own: its CA and client certificate read by the same PEM code (docs/aggregate.md), and read
            // again at every reconnect, so a renewed certificate is presented without a restart.
            Transport.Tls files = settings.tls();
            LastGoodTls tls = new LastGoodTls("aggregate " + settings.clientId(), files.files("--ca", "--cert", "--key"),
                    () -> TlsContexts.socketFactory(files));
            o.setSocketFactory(tls.forConnect()); // the first reading must succeed: nothing older to fall back on
            o.setHttpsHostnameVerificationEnabled(true);
            options = () -> {
                o.setSocketFactory(tls.forReconnect());
                return o;
            };
        }
        reconnector = new Reconnector(settings.clientId(), clients, options, RECONNECT_ATTEMPT_MS, this::reconnected);
        MqttAsyncClient client = clients.current();
        IMqttToken connected = client.connect(o);
        connected.waitForCompletion(CONNECT_TIMEOUT_MS);
        identifiersAvailable = identifiersIn(connected.getResponseProperties());
        if (!identifiersAvailable) {
            LOG.warn("aggregate {}: {} has no subscription identifiers; {}", settings.clientId(), settings.url(),
                    WITHOUT_IDENTIFIERS);
        }
        try {
            PahoReceiveMaximum.of(connected.getResponseProperties());
        } catch (PahoReceiveMaximum.Misread e) {
            // It publishes nothing, so Paho refuses it nothing; only the client's next CONNACK would fail.
            clients.misread();
            LOG.warn("aggregate {}: connected to {}, but {}", settings.clientId(), settings.url(),
                    Clients.carryingOn(e));
        }
        subscribe();
    }

    /** Whether a CONNACK allows subscription identifiers (MQTT 5, 3.2.2.3.12: absent means it does). */
    private static boolean identifiersIn(MqttProperties connack) {
        return connack == null || connack.isSubscriptionIdentifiersAvailable();
    }

    /**
     * A reconnect's CONNACK: the broker's capabilities are read again, since a broker restarted with other settings,
     * or another behind the same address after a failover, may say otherwise than the one before (until 2026-12-05
     * they were read at the first connect only, and a SUBSCRIBE with identifiers to a broker that now had none ended
     * every connection). Then the subscriptions are renewed without waiting for their SUBACK.
     */
    private void reconnected(MqttAsyncClient client, MqttProperties connack) {
        boolean before = identifiersAvailable;
        identifiersAvailable = identifiersIn(connack);
        if (before != identifiersAvailable) {
            LOG.warn("aggregate {}: {} {} subscription identifiers since this reconnect; {}", settings.clientId(),
                    settings.url(), identifiersAvailable ? "has" : "has no", identifiersAvailable
                            ? "the gateways' retained state is taken from the plain subscription again"
                            : WITHOUT_IDENTIFIERS);
        }
        LOG.info("aggregate {}: reconnected to {}; renewing the subscriptions", settings.clientId(), settings.url());
        try {
            if (before && !identifiersAvailable && Subscriptions.retainedState(settings, true).isPresent()) {
                // A session the broker kept would go on giving the plain subscription's copies, now not told apart.
                client.unsubscribe(Subscriptions.STATE_FILTER);
            }
            resubscribe(client);
        } catch (MqttException e) {
            LOG.error("aggregate {}: renewing the subscriptions on {} failed: {}", settings.clientId(), settings.url(),
                    e.getMessage());
        }
    }

    /**
     * Ends the connection and resumes the session on a new one, so that the broker gives again what was left
     * unacknowledged ({@link Redelivery}). Not while the {@link Reconnector} is at work: that resumes the session too.
     */
    private void reconnectForRedelivery() {
        MqttAsyncClient client = clients.current();
        if (!client.isConnected()) {
            return;
        }
        LOG.warn("aggregate {}: reconnecting to {} so that the broker gives again the messages left unacknowledged",
                settings.clientId(), settings.url());
        try {
            client.disconnect().waitForCompletion(CONNECT_TIMEOUT_MS);
        } catch (MqttException e) {
            LOG.warn("aggregate {}: disconnecting from {} failed: {}", settings.clientId(), settings.url(),
                    e.getMessage());
        }
        reconnector.connectionEnded(); // goes on trying until it succeeds
    }

    private void subscribe() throws MqttException {
        List<String> filters = settings.filters();
        IMqttToken token = clients.current().subscribe(Subscriptions.shared(settings), null, null,
                Subscriptions.identified(Subscriptions.SHARED, identifiersAvailable));
        token.waitForCompletion(CONNECT_TIMEOUT_MS);
        refused(token, filters);
        Optional<MqttSubscription> state = Subscriptions.retainedState(settings, identifiersAvailable);
        if (state.isPresent()) {
            IMqttToken t = clients.current().subscribe(new MqttSubscription[] {state.get()}, null, null,
                    Subscriptions.identified(Subscriptions.RETAINED_STATE, identifiersAvailable));
            t.waitForCompletion(CONNECT_TIMEOUT_MS);
            refused(t, List.of(Subscriptions.STATE_FILTER));
        }
        LOG.info("aggregate {}: subscribed to {}{} on {}", settings.clientId(), filters,
                state.map(s -> " and, for the retained state, " + s.getTopic()).orElse(""), settings.url());
    }

    /** Renews the subscriptions without waiting (on Paho's callback thread, which must not wait for its own SUBACK). */
    private void resubscribe(MqttAsyncClient client) throws MqttException {
        client.subscribe(Subscriptions.shared(settings), null, null,
                Subscriptions.identified(Subscriptions.SHARED, identifiersAvailable));
        Optional<MqttSubscription> state = Subscriptions.retainedState(settings, identifiersAvailable);
        if (state.isPresent()) {
            client.subscribe(new MqttSubscription[] {state.get()}, null, null,
                    Subscriptions.identified(Subscriptions.RETAINED_STATE, identifiersAvailable));
        }
    }

    /** Fails with the reason code of the first filter the broker refused. */
    private static void refused(IMqttToken token, List<String> filters) throws MqttException {
        int[] granted = token.getReasonCodes();
        for (int i = 0; i < granted.length && i < filters.size(); i++) {
            if (granted[i] > 2) {
                throw new MqttException(granted[i]);
            }
        }
    }

    public boolean isConnected() {
        return clients.current().isConnected();
    }

    @Override
    public void close() {
        stopReconnecting();
        stopRedelivery();
        stopAcks(); // while connected, so that what was taken is acknowledged
        MqttAsyncClient client = clients.current();
        try {
            if (client.isConnected()) {
                client.disconnect().waitForCompletion(5_000);
            }
        } catch (MqttException e) {
            LOG.warn("aggregate {}: disconnecting from {} failed: {}", settings.clientId(), settings.url(),
                    e.getMessage());
        } finally {
            closeQuietly();
        }
    }

    private void stopReconnecting() {
        Reconnector r = reconnector;
        if (r == null) {
            return;
        }
        try {
            r.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("aggregate {}: interrupted while stopping the reconnects", settings.clientId());
        }
    }

    private void stopRedelivery() {
        try {
            redelivery.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("aggregate {}: interrupted while a reconnect for redelivery was under way", settings.clientId());
        }
    }

    private void stopAcks() {
        try {
            acks.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("aggregate {}: interrupted while acknowledging the last messages; the broker keeps those",
                    settings.clientId());
        }
    }

    private void closeQuietly() {
        stopReconnecting();
        stopRedelivery();
        stopAcks();
        release(clients.current());
    }

    private void release(MqttAsyncClient client) {
        try {
            client.close(true);
        } catch (MqttException e) {
            LOG.warn("aggregate {}: releasing the MQTT client failed: {}", settings.clientId(), e.getMessage());
        }
    }

    /**
     * The client of the connection, and a new one in its place for the reconnect after a connection whose CONNACK's
     * Receive Maximum Paho misread: the old one would fail that CONNACK on its own thread, each attempt "timed out",
     * for ever (until 2026-12-04 the instance took nothing more from then on).
     */
    private final class PahoClients implements Clients {
        private volatile MqttAsyncClient client;
        private volatile boolean misread;

        void take(MqttAsyncClient c) {
            client = c;
        }

        @Override
        public MqttAsyncClient current() {
            return client;
        }

        @Override
        public MqttAsyncClient forReconnect() throws MqttException {
            if (misread) {
                MqttAsyncClient old = client;
                client = newClient();
                misread = false;
                try {
                    old.disconnectForcibly(0, 1_000, false);
                } catch (MqttException e) {
                    // Not connected: its connection has ended, which is why this reconnect is made.
                    LOG.debug("aggregate {}: ending the replaced client: {}", settings.clientId(), e.getMessage());
                }
                release(old);
            }
            return client;
        }

        @Override
        public void misread() {
            misread = true;
        }
    }

    private final class Callback implements MqttCallback {
        /** The client this is the callback of: once another took its place, what it says is of an ended connection. */
        private final MqttAsyncClient client;

        Callback(MqttAsyncClient client) {
            this.client = client;
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            List<Integer> ids = message.getProperties() == null ? List.of()
                    : message.getProperties().getSubscriptionIdentifiers();
            if (!Subscriptions.taken(ids, message.isRetained())) {
                // The other subscription's copy: a live message on the plain state subscription (the shared one gives
                // it to one member of the group), or a retained copy on a shared one (the plain one gives it too).
                LOG.debug("aggregate {}: copy on '{}' by subscription {} (retained: {}) left to the other",
                        settings.clientId(), topic, ids, message.isRetained());
                if (message.getQos() > 0) {
                    acks.ackAfterForce(message.getId(), message.getQos(), 0);
                }
                return;
            }
            long line = 0;
            try {
                line = aggregator.accept(topic, message.getPayload(), message.isRetained()).line();
            } catch (IOException e) {
                // Its line is not written, so it is not counted: without the ack the broker gives it again.
                LOG.error("aggregate {}: message on '{}' not acknowledged", settings.clientId(), topic, e);
                redelivery.withheld();
                return;
            } catch (RuntimeException e) {
                // A failure of ours, not bad input (that is rejected inside). Kept with the reason and acknowledged:
                // unacknowledged, it would hold one of the broker's in-flight slots until the next reconnect (MQTT 5
                // gives a message again only then) and fail the same way again.
                try {
                    line = aggregator.failed(topic, message.getPayload(), e);
                } catch (IOException | RuntimeException notKept) {
                    notKept.addSuppressed(e);
                    LOG.error("aggregate {}: a message on '{}' could be neither taken nor kept; not acknowledged",
                            settings.clientId(), topic, notKept);
                    redelivery.withheld();
                    return;
                }
            }
            if (message.getQos() > 0) {
                acks.ackAfterForce(message.getId(), message.getQos(), line);
            }
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            // start() subscribes on the first connection, the Reconnector's listener on each later one: both have the
            // CONNACK's properties, which this callback lacks.
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            if (client != clients.current()) {
                return;
            }
            LOG.warn("aggregate {}: disconnected from {}: {}; reconnecting", settings.clientId(), settings.url(),
                    LostConnection.why(response));
            reconnector.connectionEnded();
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            LOG.warn("aggregate {}: MQTT error: {}", settings.clientId(), exception.getMessage());
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // this client publishes nothing
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            LOG.warn("aggregate {}: unexpected AUTH packet (reason {}); enhanced authentication is not used",
                    settings.clientId(), reasonCode);
        }
    }
}
