package org.orderly.tools.aggregate;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.orderly.gateway.upstream.link.PahoReceiveMaximum;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects the client again after its connection ended, until it is connected: attempts 1 s apart at first, doubling
 * to 30 s. Paho's own automatic reconnect is not used: an attempt whose connection ended before its CONNACK never
 * completed there, and every later one failed "Connect already in progress" (32110), so it never reconnected. Here an
 * attempt gets {@code attemptTimeoutMs} for its CONNACK and is then ended ({@code disconnectForcibly}, no DISCONNECT),
 * so the next attempt starts clean.
 */
final class Reconnector implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Reconnector.class);
    private static final long FIRST_DELAY_MS = 1_000;
    private static final long MAX_DELAY_MS = 30_000;

    /** Told of each connection made, with its CONNACK's properties (null if it had none). */
    interface Connected {
        void connected(MqttAsyncClient client, MqttProperties connack);
    }

    private final String clientId;
    private final Clients clients;
    private final Connected connected;
    /** Asked at each attempt: the TLS files are read again then ({@code LastGoodTls}). */
    private final Supplier<MqttConnectionOptions> options;
    private final long attemptTimeoutMs;
    private final ExecutorService thread;
    private final AtomicBoolean pending = new AtomicBoolean();

    Reconnector(String clientId, Clients clients, Supplier<MqttConnectionOptions> options, long attemptTimeoutMs,
                Connected connected) {
        this.clientId = clientId;
        this.clients = clients;
        this.connected = connected;
        this.options = options;
        this.attemptTimeoutMs = attemptTimeoutMs;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "aggregate-reconnect-" + clientId);
            t.setDaemon(true);
            return t;
        });
    }

    /** The connection ended: reconnects, unless that is under way already. */
    void connectionEnded() {
        if (pending.compareAndSet(false, true)) {
            try {
                thread.execute(this::reconnect);
            } catch (RejectedExecutionException e) {
                pending.set(false); // closed: nothing to reconnect for
            }
        }
    }

    private void reconnect() {
        long delay = FIRST_DELAY_MS;
        try {
            while (!clients.current().isConnected()) {
                Thread.sleep(delay);
                MqttAsyncClient client = clients.current();
                try {
                    client = clients.forReconnect();
                    IMqttToken token = client.connect(options.get());
                    token.waitForCompletion(attemptTimeoutMs);
                    misread(client, token);
                    connected.connected(client, token.getResponseProperties()); // renews the subscriptions
                    return;
                } catch (MqttException e) {
                    LOG.warn("aggregate {}: reconnecting to {} failed ({}); trying again in {} s", clientId,
                            client.getServerURI(), e.getMessage(), Math.min(2 * delay, MAX_DELAY_MS) / 1000);
                    endAttempt(client);
                }
                delay = Math.min(2 * delay, MAX_DELAY_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closing
        } finally {
            pending.set(false);
        }
        if (!clients.current().isConnected()) {
            connectionEnded(); // it ended again before pending was cleared, or an interrupted attempt: not if closed
        }
    }

    /**
     * A broker that now announces a Receive Maximum Paho misreads (its setting changed while this instance ran): this
     * connection works, but the client's next CONNACK would fail, so the next reconnect is made with a new client
     * ({@link Clients#misread()}). Said in a WARN at each such connection, naming what to change.
     */
    private void misread(MqttAsyncClient client, IMqttToken connected) {
        try {
            PahoReceiveMaximum.of(connected.getResponseProperties());
        } catch (PahoReceiveMaximum.Misread e) {
            clients.misread();
            LOG.warn("aggregate {}: reconnected to {}, but {}", clientId, client.getServerURI(), Clients.carryingOn(e));
        }
    }

    /** Ends an attempt that may still be going (no CONNACK yet), so that the next one is not "already in progress". */
    private void endAttempt(MqttAsyncClient client) {
        try {
            client.disconnectForcibly(0, 1_000, false);
        } catch (MqttException e) {
            // Nothing left to end (the attempt had ended already); the next attempt says whether the client is usable.
            LOG.debug("aggregate {}: ending the failed attempt: {}", clientId, e.getMessage());
        }
    }

    @Override
    public void close() throws InterruptedException {
        thread.shutdownNow();
        if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
            LOG.warn("aggregate {}: a reconnect attempt was still under way when closing", clientId);
        }
    }
}
