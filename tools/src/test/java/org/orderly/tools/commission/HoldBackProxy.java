package org.orderly.tools.commission;

import java.io.IOException;
import java.util.function.Predicate;
import org.orderly.testkit.UdpRelay;

/**
 * A UDP relay on loopback in front of a plain CoAP bridge that holds back for a while the bridge's datagrams a
 * predicate picks and passes everything else at once: its 4.xx answers ({@link #refusals}), so statuses reach the
 * client before a refused {@code PUT /limit}, as from a bridge slow to answer the PUT; or its statuses
 * ({@link #statuses}), so the PUT's acknowledgement comes at once and the statuses late, as over a slow link; or the
 * answer to a PUT ({@link #changed}), as from a bridge or computer slow under load.
 */
final class HoldBackProxy implements AutoCloseable {
    private final UdpRelay relay;

    HoldBackProxy(int bridgePort, long holdMillis, Predicate<byte[]> held) throws IOException {
        relay = new UdpRelay(bridgePort, UdpRelay.Rule.PASS_ALL,
                d -> held.test(d) ? UdpRelay.Fate.HOLD : UdpRelay.Fate.PASS, holdMillis, "hold-back-proxy");
    }

    /** A CoAP answer of class 4 (client error): the second byte of a CoAP message is its code. */
    static boolean refusals(byte[] datagram) {
        return datagram.length > 1 && (datagram[1] & 0xE0) == 0x80;
    }

    /** A CoAP 2.04 Changed: the answer to a {@code PUT /limit} the bridge took. */
    static boolean changed(byte[] datagram) {
        return datagram.length > 1 && datagram[1] == 0x44;
    }

    /** A CoAP 2.05 Content: a status (the answer to the observing GET, or a notification). */
    static boolean statuses(byte[] datagram) {
        return datagram.length > 1 && datagram[1] == 0x45;
    }

    int port() {
        return relay.port();
    }

    /** How many of the bridge's datagrams were held back so far. */
    int heldBack() {
        return relay.heldBack();
    }

    @Override
    public void close() throws InterruptedException {
        relay.close();
    }
}
