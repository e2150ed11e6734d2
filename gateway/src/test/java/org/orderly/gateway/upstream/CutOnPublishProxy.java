package org.orderly.gateway.upstream;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.orderly.testkit.LoopbackRelay;
import org.orderly.testkit.MqttPacket;

/**
 * A TCP proxy on 127.0.0.1 in front of a broker that, once armed, cuts the connection on the client's next PUBLISH:
 * both sockets are closed with the packet not forwarded, as a network that drops between the broker's CONNACK and
 * the client's first message would. The broker sees the connection end without a DISCONNECT, so it publishes the
 * client's will. Or, {@link #hold()}, it keeps that PUBLISH and everything after it from the broker, the connection
 * open, until {@link #cutHeld()}: the client waits for a PUBACK meanwhile (and can be killed there). Everything else
 * is forwarded as it comes, whole packets from the client, bytes from the broker.
 */
final class CutOnPublishProxy implements AutoCloseable {
    private final ServerSocket server;
    private final int brokerPort;
    private final AtomicBoolean armed = new AtomicBoolean();
    private final AtomicBoolean holding = new AtomicBoolean();
    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private final AtomicInteger cuts = new AtomicInteger();
    private final Thread acceptor;

    CutOnPublishProxy(int brokerPort) throws IOException {
        this.brokerPort = brokerPort;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        acceptor = new Thread(this::accept, "cut-on-publish-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String url() {
        return "tcp://127.0.0.1:" + server.getLocalPort();
    }

    /** The next PUBLISH from a client, on any connection, cuts that connection. */
    void arm() {
        armed.set(true);
    }

    /** The next PUBLISH from a client is kept from the broker, and so is the rest of its connection, until cut. */
    void hold() {
        holding.set(true);
    }

    /** Connections held so far (see {@link #hold()}). */
    int held() {
        return held.size() / 2;
    }

    /** Closes the held connections, both sides: the broker sees them end without a DISCONNECT. */
    void cutHeld() throws IOException {
        for (Socket s : held) {
            s.close();
        }
    }

    /** Connections cut so far. */
    int cuts() {
        return cuts.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket broker = new Socket(InetAddress.getLoopbackAddress(), brokerPort);
                start(() -> LoopbackRelay.pumpBytes(broker, client));
                start(() -> pumpPackets(client, broker));
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void start(Runnable r) {
        Thread t = new Thread(r, "cut-on-publish-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private void pumpPackets(Socket from, Socket to) {
        try (from; to) {
            DataInputStream in = new DataInputStream(from.getInputStream());
            OutputStream out = to.getOutputStream();
            for (MqttPacket p = MqttPacket.read(in); p != null; p = MqttPacket.read(in)) {
                if (p.type() == MqttPacket.PUBLISH && armed.compareAndSet(true, false)) {
                    cuts.incrementAndGet();
                    return;
                }
                if (p.type() == MqttPacket.PUBLISH && holding.compareAndSet(true, false)) {
                    held.add(from);
                    held.add(to);
                    swallow(in);
                    return;
                }
                p.writeTo(out);
            }
        } catch (IOException e) {
            // one side closed: so is the other, by the try
        }
    }

    /** Reads and drops what the client sends until the connection ends, so it is never told anything went wrong. */
    private static void swallow(InputStream in) throws IOException {
        byte[] buffer = new byte[4096];
        while (in.read(buffer) >= 0) {
            // dropped
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
