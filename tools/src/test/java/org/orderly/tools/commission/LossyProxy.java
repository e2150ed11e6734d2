package org.orderly.tools.commission;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A UDP relay on loopback in front of a bridge that drops the client's datagrams {@code lost} picks and passes everything
 * else both ways, as a link that loses some requests does (a PUT, but not the status observation).
 */
final class LossyProxy implements AutoCloseable {
    private final DatagramSocket front;
    private final DatagramSocket back;
    private final Predicate<byte[]> lost;
    private final AtomicInteger dropped = new AtomicInteger();
    private volatile SocketAddress client;
    private final Thread up;
    private final Thread down;

    LossyProxy(int bridgePort, Predicate<byte[]> lost) throws IOException {
        this.lost = lost;
        front = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        back = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        back.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), bridgePort));
        up = daemon(() -> relay(front, true));
        down = daemon(() -> relay(back, false));
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

    private static Thread daemon(Runnable r) {
        Thread t = new Thread(r, "lossy-proxy");
        t.setDaemon(true);
        t.start();
        return t;
    }

    int port() {
        return front.getLocalPort();
    }

    /** How many of the client's datagrams were dropped so far. */
    int dropped() {
        return dropped.get();
    }

    private void relay(DatagramSocket from, boolean fromClient) {
        byte[] buf = new byte[4096];
        while (!from.isClosed()) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                from.receive(p);
                byte[] data = Arrays.copyOf(p.getData(), p.getLength());
                if (fromClient) {
                    client = p.getSocketAddress();
                    if (lost.test(data)) {
                        dropped.incrementAndGet();
                    } else {
                        back.send(new DatagramPacket(data, data.length));
                    }
                } else if (client != null) {
                    front.send(new DatagramPacket(data, data.length, client));
                }
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        front.close();
        back.close();
        up.join(1000);
        down.join(1000);
    }
}
