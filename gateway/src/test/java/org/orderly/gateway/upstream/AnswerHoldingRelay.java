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
final class AnswerHoldingRelay extends FirstConnectionRelay<AnswerHoldingRelay.HeldFrom> {
    private static final byte[] ONLINE = "\"state\":\"online\"".getBytes(StandardCharsets.US_ASCII);

    /** From where on the first connection the broker's answers are held. */
    enum HeldFrom {
        /** The connection's start: the CONNACK and all after it. */
        CONNACK,
        /** The gateway's PUBLISH of "online": its PUBACK and all after it. */
        ONLINE
    }

    private final CountDownLatch answerHeld = new CountDownLatch(1);
    private final List<MqttPacket> held = new ArrayList<>();
    private OutputStream heldFor;
    /** The gateway's "online" has gone by ({@link HeldFrom#ONLINE}). */
    private boolean onlineSeen;
    private boolean released;

    private AnswerHoldingRelay(int brokerPort, HeldFrom from) throws IOException {
        super("answer-holding-relay", brokerPort, from);
    }

    /** Holds the broker's CONNACK of the first connection, and all after it, until {@link #release}. */
    static AnswerHoldingRelay holdingConnack(int brokerPort) throws IOException {
        return new AnswerHoldingRelay(brokerPort, HeldFrom.CONNACK);
    }

    /** Holds what the broker sends on the first connection once the gateway published "online" there (its PUBACK). */
    static AnswerHoldingRelay holdingOnlineAck(int brokerPort) throws IOException {
        return new AnswerHoldingRelay(brokerPort, HeldFrom.ONLINE);
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

    @Override
    void takeFirst(Socket client, Socket broker) {
        start(() -> LoopbackRelay.pumpPackets(client, broker, LoopbackRelay.AtEnd.PASS_ON, (packet, out) -> {
            if (mode == HeldFrom.ONLINE && packet.type() == MqttPacket.PUBLISH && packet.contains(ONLINE)) {
                synchronized (held) {
                    onlineSeen = true;
                }
            }
            packet.writeTo(out);
            return true;
        }));
        start(() -> LoopbackRelay.pumpPackets(broker, client, LoopbackRelay.AtEnd.CLOSE_BOTH, (packet, out) -> {
            synchronized (held) {
                if ((mode == HeldFrom.CONNACK || onlineSeen) && !released) {
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
}
