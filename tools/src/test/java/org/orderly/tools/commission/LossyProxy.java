package org.orderly.tools.commission;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.orderly.testkit.UdpRelay;

/**
 * A UDP relay on loopback in front of a bridge that drops the client's datagrams {@code lost} picks and passes
 * everything else both ways, as a link that loses some requests does (a PUT, but not the status observation).
 */
final class LossyProxy implements AutoCloseable {
    private final UdpRelay relay;

    LossyProxy(int bridgePort, Predicate<byte[]> lost) throws IOException {
        relay = new UdpRelay(bridgePort, d -> lost.test(d) ? UdpRelay.Fate.DROP : UdpRelay.Fate.PASS,
                UdpRelay.Rule.PASS_ALL, 0, "lossy-proxy");
    }

    /** A plain CoAP PUT: the second byte of a CoAP message is its code, 0.03. */
    static boolean coapPut(byte[] datagram) {
        return datagram.length > 1 && datagram[1] == 3;
    }

    /**
     * A DTLS application-data record (content type 23) longer than {@code bytes}: encrypted, a request is told by its
     * size only (a PUT /limit with its JSON is some 30 bytes longer than the GET /status, an empty ACK much shorter).
     */
    static Predicate<byte[]> dtlsRecordLongerThan(int bytes) {
        return d -> d.length > 13 && d[0] == 23 && (((d[11] & 0xFF) << 8) | (d[12] & 0xFF)) > bytes;
    }

    /** Only the first datagram {@code lost} picks. */
    static Predicate<byte[]> firstOnly(Predicate<byte[]> lost) {
        return first(1, lost);
    }

    /** Only the first {@code n} datagrams {@code lost} picks. */
    static Predicate<byte[]> first(int n, Predicate<byte[]> lost) {
        AtomicInteger seen = new AtomicInteger();
        return d -> lost.test(d) && seen.incrementAndGet() <= n;
    }

    int port() {
        return relay.port();
    }

    /** How many of the client's datagrams were dropped so far. */
    int dropped() {
        return relay.dropped();
    }

    @Override
    public void close() throws InterruptedException {
        relay.close();
    }
}
