package org.orderly.tools.commission;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A UDP relay on loopback in front of a plain CoAP bridge that holds back for a while the bridge's datagrams a
 * predicate picks and passes everything else at once: its 4.xx answers ({@link #refusals}), so statuses reach the
 * client before a refused {@code PUT /limit}, as from a bridge slow to answer the PUT; or its statuses
 * ({@link #statuses}), so the PUT's acknowledgement comes at once and the statuses late, as over a slow link; or the
 * answer to a PUT ({@link #changed}), as from a bridge or computer slow under load.
 */
final class HoldBackProxy implements AutoCloseable {
    private final DatagramSocket front;
    private final DatagramSocket back;
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();
    private volatile SocketAddress client;
    private final Thread up;
    private final Thread down;

    private final Predicate<byte[]> held;
    private final AtomicInteger heldBack = new AtomicInteger();

    HoldBackProxy(int bridgePort, long holdMillis, Predicate<byte[]> held) throws IOException {
        this.held = held;
        front = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        back = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        back.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), bridgePort));
        up = daemon(() -> relay(front, true, holdMillis));
        down = daemon(() -> relay(back, false, holdMillis));
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

    private static Thread daemon(Runnable r) {
        Thread t = new Thread(r, "hold-back-proxy");
        t.setDaemon(true);
        t.start();
        return t;
    }

    int port() {
        return front.getLocalPort();
    }

    /** How many of the bridge's datagrams were held back so far. */
    int heldBack() {
        return heldBack.get();
    }

    private void relay(DatagramSocket from, boolean fromClient, long holdMillis) {
        byte[] buf = new byte[2048];
        while (!from.isClosed()) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                from.receive(p);
                byte[] data = Arrays.copyOf(p.getData(), p.getLength());
                if (fromClient) {
                    client = p.getSocketAddress();
                    back.send(new DatagramPacket(data, data.length));
                } else if (client != null) {
                    DatagramPacket out = new DatagramPacket(data, data.length, client);
                    if (held.test(data)) {
                        heldBack.incrementAndGet();
                        later.schedule(() -> send(out), holdMillis, TimeUnit.MILLISECONDS);
                    } else {
                        front.send(out);
                    }
                }
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void send(DatagramPacket p) {
        try {
            front.send(p);
        } catch (IOException closed) {
            // the test is over
        }
    }

    @Override
    public void close() throws InterruptedException {
        front.close();
        back.close();
        later.shutdownNow();
        up.join(1000);
        down.join(1000);
    }
}
