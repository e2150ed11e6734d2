package org.orderly.gateway.upstream;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.orderly.testkit.LoopbackRelay;
import org.orderly.testkit.MqttPacket;

/**
 * A TCP relay on 127.0.0.1 between the gateway and a real broker that, once armed, holds back everything the broker
 * sends on the next connection from the moment the gateway publishes its "online" on it (the PUBACK of "online" with
 * it): a broker whose acknowledgement is late, for a stop that comes while the gateway waits for it. What the gateway
 * sends is passed on, but for its "offline" once told to lose it ({@link #loseOfflines}): a stop whose "offline" the
 * broker never acknowledges while the rest of the connection, its DISCONNECT too, goes through. The gateway's end of
 * a connection (its FIN) is passed on to the broker.
 */
final class PubackHoldingRelay implements AutoCloseable {
    private static final byte[] ONLINE = "\"state\":\"online\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OFFLINE = "\"state\":\"offline\"".getBytes(StandardCharsets.US_ASCII);

    private final LoopbackRelay relay;
    private volatile boolean armed;
    private volatile CountDownLatch publishedAfterHold = new CountDownLatch(1);
    private volatile boolean losingOfflines;
    private final CountDownLatch offlineLost = new CountDownLatch(1);
    private final CountDownLatch offlineOnHeld = new CountDownLatch(1);

    PubackHoldingRelay(int brokerPort) throws IOException {
        relay = new LoopbackRelay("relay-pump", brokerPort, this::relay);
    }

    String url() {
        return relay.url();
    }

    /** On the next connection, nothing more from the broker once the gateway has published its "online". */
    void holdAfterNextOnline() {
        publishedAfterHold = new CountDownLatch(1);
        armed = true;
    }

    /** From now on, on every connection, the gateway's PUBLISH of "offline" does not reach the broker. */
    void loseOfflines() {
        losingOfflines = true;
    }

    /** Whether a PUBLISH of "offline" was kept from the broker since {@link #loseOfflines}. */
    boolean offlineLost() {
        return offlineLost.getCount() == 0;
    }

    /** Ends every connection through the relay, as a network that drops them. */
    void dropConnections() throws IOException {
        relay.dropConnections();
    }

    /** Whether the gateway published "online" on the held connection within {@code seconds}. */
    boolean onlineHeld(long seconds) throws InterruptedException {
        return publishedAfterHold.await(seconds, TimeUnit.SECONDS);
    }

    /**
     * Whether the gateway published "offline" on the held connection (passed on, or lost) within {@code seconds}: on a
     * connection whose "online" has no PUBACK, so before that acknowledgement.
     */
    boolean offlineOnHeld(long seconds) throws InterruptedException {
        return offlineOnHeld.await(seconds, TimeUnit.SECONDS);
    }

    private void relay(Socket client) throws IOException {
        Socket broker = relay.toBroker(client);
        boolean watch = armed;
        armed = false;
        AtomicBoolean holding = new AtomicBoolean();
        CountDownLatch published = publishedAfterHold;
        relay.start(() -> pump(broker, client, holding, false, false, published));
        relay.start(() -> pump(client, broker, holding, true, watch, published));
    }

    /**
     * Copies MQTT packets from {@code from} to {@code to}, none once {@code holding} is set; with {@code watchOnline},
     * the gateway's side, setting it as the gateway publishes "online", before that PUBLISH reaches the broker. From
     * the gateway ({@code fromGateway}), a PUBLISH of "offline" is dropped while {@link #loseOfflines} holds, and the
     * end of its stream is passed on to the broker: without it Mosquitto would see a gateway that closed its connection
     * without a DISCONNECT go only at the keep-alive's end (15 s).
     */
    private void pump(Socket from, Socket to, AtomicBoolean holding, boolean fromGateway, boolean watchOnline,
                      CountDownLatch published) {
        LoopbackRelay.pumpPackets(from, to, fromGateway ? LoopbackRelay.AtEnd.PASS_ON : LoopbackRelay.AtEnd.NOTHING, (packet, out) -> {
            boolean isPublish = packet.type() == MqttPacket.PUBLISH;
            if (watchOnline && isPublish && packet.contains(ONLINE)) {
                holding.set(true);
                published.countDown();
            }
            if (watchOnline && isPublish && holding.get() && packet.contains(OFFLINE)) {
                offlineOnHeld.countDown();
            }
            if (fromGateway && losingOfflines && isPublish && packet.contains(OFFLINE)) {
                offlineLost.countDown();
                return true;
            }
            if (fromGateway || !holding.get()) {
                packet.writeTo(out);
            }
            return true;
        });
    }

    @Override
    public void close() throws IOException {
        relay.close();
    }
}
