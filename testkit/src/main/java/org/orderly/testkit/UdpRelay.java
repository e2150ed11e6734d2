package org.orderly.testkit;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketAddress;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * A UDP relay on loopback in front of a bridge, for one client: each datagram, the client's to the bridge
 * ({@code up}) and the bridge's to the client ({@code down}), is passed at once, dropped, or held back for
 * {@code holdMillis}, as its direction's rule says; the client's may be edited first ({@code upEdit}), as a request
 * the bridge should take for another. The commissioning tests' {@code HoldBackProxy} and {@code LossyProxy}, and the
 * gateway's CoAP driver tests, use it.
 */
public final class UdpRelay implements AutoCloseable {
    /** What becomes of one datagram. */
    public enum Fate { PASS, DROP, HOLD }

    /** Decides each datagram's fate from its bytes. */
    @FunctionalInterface
    public interface Rule {
        Rule PASS_ALL = d -> Fate.PASS;

        Fate fate(byte[] datagram);
    }

    private final DatagramSocket front;
    private final DatagramSocket back;
    private final Rule up;
    private final Rule down;
    private final UnaryOperator<byte[]> upEdit;
    private final long holdMillis;
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();
    private final AtomicInteger dropped = new AtomicInteger();
    private final AtomicInteger heldBack = new AtomicInteger();
    private volatile SocketAddress client;
    private final Thread upThread;
    private final Thread downThread;

    public UdpRelay(int bridgePort, Rule up, Rule down, long holdMillis, String name) throws IOException {
        this(bridgePort, up, down, holdMillis, name, UnaryOperator.identity());
    }

    public UdpRelay(int bridgePort, Rule up, Rule down, long holdMillis, String name, UnaryOperator<byte[]> upEdit)
            throws IOException {
        this.upEdit = upEdit;
        this.up = up;
        this.down = down;
        this.holdMillis = holdMillis;
        front = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        back = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        back.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), bridgePort));
        upThread = daemon(() -> relay(front, true), name);
        downThread = daemon(() -> relay(back, false), name);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    public int port() {
        return front.getLocalPort();
    }

    /** How many datagrams were dropped so far. */
    public int dropped() {
        return dropped.get();
    }

    /** How many datagrams were held back so far. */
    public int heldBack() {
        return heldBack.get();
    }

    private void relay(DatagramSocket from, boolean fromClient) {
        byte[] buf = new byte[4096];
        while (!from.isClosed()) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                from.receive(p);
                byte[] data = Arrays.copyOf(p.getData(), p.getLength());
                DatagramPacket out;
                DatagramSocket via;
                Fate fate;
                if (fromClient) {
                    client = p.getSocketAddress();
                    data = upEdit.apply(data);
                    out = new DatagramPacket(data, data.length);
                    via = back;
                    fate = up.fate(data);
                } else if (client != null) {
                    out = new DatagramPacket(data, data.length, client);
                    via = front;
                    fate = down.fate(data);
                } else {
                    continue; // nothing to answer yet
                }
                switch (fate) {
                    case PASS -> via.send(out);
                    case DROP -> dropped.incrementAndGet();
                    case HOLD -> {
                        heldBack.incrementAndGet();
                        later.schedule(() -> send(via, out), holdMillis, TimeUnit.MILLISECONDS);
                    }
                }
            } catch (PortUnreachableException bridgeAway) {
                // the ICMP of a datagram sent while the bridge was down (restarted on its port): the next may find it
                continue;
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private static void send(DatagramSocket via, DatagramPacket p) {
        try {
            via.send(p);
        } catch (IOException closed) {
            // the test is over
        }
    }

    @Override
    public void close() throws InterruptedException {
        front.close();
        back.close();
        later.shutdownNow();
        upThread.join(1000);
        downThread.join(1000);
    }
}
