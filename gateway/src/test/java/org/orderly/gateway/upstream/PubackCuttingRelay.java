package org.orderly.gateway.upstream;

import java.io.IOException;
import java.net.Socket;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.orderly.testkit.LoopbackRelay;
import org.orderly.testkit.MqttPacket;

/**
 * A TCP relay on 127.0.0.1 in front of a real broker that, on the first connection through it, lets the gateway's
 * PUBLISHes reach the broker and keeps the broker's PUBACKs from the gateway: the connection broken between the two
 * ({@link #cuttingAtFirstPuback}: the first PUBACK dropped and both sockets closed, so the broker has the message and
 * sees the connection end without a DISCONNECT, and the gateway's wait for that PUBACK fails), or a broker that takes
 * publishes and never acknowledges one ({@link #droppingPubacks}: everything else, the CONNACK first, goes through).
 * Later connections are relayed both ways.
 */
final class PubackCuttingRelay extends FirstConnectionRelay<PubackCuttingRelay.AtPuback> {
    /** What the relay does at a PUBACK of the first connection. */
    enum AtPuback {
        /** Breaks the connection, both sockets closed, the PUBACK not passed on. */
        CUT,
        /** Drops it; the connection goes on. */
        DROP
    }

    private final CountDownLatch published = new CountDownLatch(1);
    private final CountDownLatch pubackKept = new CountDownLatch(1);

    private PubackCuttingRelay(int brokerPort, AtPuback atPuback) throws IOException {
        super("puback-cutting-relay", brokerPort, atPuback);
    }

    /** Breaks the first connection as the broker's first PUBACK on it comes, that PUBACK not passed on. */
    static PubackCuttingRelay cuttingAtFirstPuback(int brokerPort) throws IOException {
        return new PubackCuttingRelay(brokerPort, AtPuback.CUT);
    }

    /** Passes on no PUBACK of the first connection, and all else. */
    static PubackCuttingRelay droppingPubacks(int brokerPort) throws IOException {
        return new PubackCuttingRelay(brokerPort, AtPuback.DROP);
    }

    /** Whether the gateway published on the first connection within {@code seconds}. */
    boolean publishedOnFirst(long seconds) throws InterruptedException {
        return published.await(seconds, TimeUnit.SECONDS);
    }

    /** Whether a PUBACK of the broker's was kept from the gateway within {@code seconds}. */
    boolean pubackKept(long seconds) throws InterruptedException {
        return pubackKept.await(seconds, TimeUnit.SECONDS);
    }

    @Override
    void takeFirst(Socket client, Socket broker) {
        start(() -> LoopbackRelay.pumpPackets(client, broker, LoopbackRelay.AtEnd.PASS_ON, (packet, out) -> {
            packet.writeTo(out);
            if (packet.type() == MqttPacket.PUBLISH) {
                published.countDown();
            }
            return true;
        }));
        start(() -> LoopbackRelay.pumpPackets(broker, client, LoopbackRelay.AtEnd.CLOSE_BOTH, (packet, out) -> {
            if (packet.type() != MqttPacket.PUBACK) {
                packet.writeTo(out);
                return true;
            }
            pubackKept.countDown();
            return mode == AtPuback.DROP;
        }));
    }
}
