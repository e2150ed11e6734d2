package org.orderly.gateway.upstream;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.orderly.testkit.LoopbackRelay;
import org.orderly.testkit.MqttPacket;

/**
 * A TCP relay on 127.0.0.1 in front of a real broker that keeps back, on the first connection only, what the broker
 * answers from a given point until the test lets it go ({@link #release}), then passes it on in order and relays the
 * rest both ways: a broker slow to answer, for a stop that comes while the gateway waits for that answer. The point is
 * the connection's start ({@link #holdingConnack}: the CONNACK and all after it) or the gateway's PUBLISH of "online"
 * ({@link #holdingOnlineAck}: its PUBACK and all after it). Unlike {@link ConnackHoldingRelay} and
 * {@link PubackHoldingRelay}, which drop what they hold, nothing is lost. Later connections are relayed both ways.
 */
final class AnswerHoldingRelay implements AutoCloseable {
    private static final byte[] ONLINE = "\"state\":\"online\"".getBytes(StandardCharsets.US_ASCII);

    private final LoopbackRelay relay;
    private final boolean fromOnline;
    private final CountDownLatch answerHeld = new CountDownLatch(1);
    private final List<MqttPacket> held = new ArrayList<>();
    private OutputStream heldFor;
    private boolean holding;
    private boolean released;
    private int accepted;

    private AnswerHoldingRelay(int brokerPort, boolean fromOnline) throws IOException {
        this.fromOnline = fromOnline;
        this.holding = !fromOnline;
        this.relay = new LoopbackRelay("answer-holding-relay", brokerPort, this::take);
    }

    /** Holds the broker's CONNACK of the first connection, and all after it, until {@link #release}. */
    static AnswerHoldingRelay holdingConnack(int brokerPort) throws IOException {
        return new AnswerHoldingRelay(brokerPort, false);
    }

    /** Holds what the broker sends on the first connection once the gateway published "online" there (its PUBACK). */
    static AnswerHoldingRelay holdingOnlineAck(int brokerPort) throws IOException {
        return new AnswerHoldingRelay(brokerPort, true);
    }

    String url() {
        return relay.url();
    }

    /** Whether the broker's answer (the CONNACK, or the PUBACK of "online") came and is held, within {@code seconds}. */
    boolean answerHeld(long seconds) throws InterruptedException {
        return answerHeld.await(seconds, TimeUnit.SECONDS);
    }

    /** Passes on what was held, in order, and relays the rest of that connection as it comes. */
    void release() throws IOException {
        synchronized (held) {
            released = true;
            for (MqttPacket p : held) {
                p.writeTo(heldFor);
            }
            held.clear();
        }
    }

    private void take(Socket client) throws IOException {
        if (accepted++ > 0) {
            relay.relayBytes(client);
            return;
        }
        Socket broker = relay.toBroker(client);
        relay.start(() -> LoopbackRelay.pumpPackets(client, broker, LoopbackRelay.AtEnd.PASS_ON, (packet, out) -> {
            if (fromOnline && packet.type() == MqttPacket.PUBLISH && packet.contains(ONLINE)) {
                synchronized (held) {
                    holding = true;
                }
            }
            packet.writeTo(out);
            return true;
        }));
        relay.start(() -> LoopbackRelay.pumpPackets(broker, client, LoopbackRelay.AtEnd.CLOSE_BOTH, (packet, out) -> {
            synchronized (held) {
                if (holding && !released) {
                    heldFor = out;
                    held.add(packet);
                    answerHeld.countDown();
                    return true;
                }
                packet.writeTo(out);
            }
            return true;
        }));
    }

    @Override
    public void close() throws IOException {
        relay.close();
    }
}
