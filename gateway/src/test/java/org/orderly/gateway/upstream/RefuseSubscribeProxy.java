package org.orderly.gateway.upstream;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.orderly.testkit.LoopbackRelay;
import org.orderly.testkit.MqttPacket;

/**
 * A TCP proxy on 127.0.0.1 in front of a broker that refuses every MQTT subscription: by default it rewrites each
 * return code of the broker's SUBACK to 0x80 (failure), as a 3.1.1 broker whose ACL denies the topic answers
 * (Mosquitto 2.0.11 grants such a subscription to a 3.1.1 client instead and delivers nothing); or it drops the SUBACK,
 * so the subscription is never answered; or it holds the SUBACK until the test {@link #release}s it (an answer that
 * comes late). {@link #answer} changes what it does with the SUBACKs that follow (a broker whose ACL is mended).
 * Everything else is forwarded as it comes.
 */
public final class RefuseSubscribeProxy implements AutoCloseable {
    /** What the proxy does with a SUBACK of the broker. */
    public enum Suback {
        /** Each return code (after the 2-byte packet id) made 0x80: MQTT 3.1.1 only (v5 has properties there). */
        FAILURE_CODES,
        /** Not forwarded: the client waits for an answer that never comes. */
        DROPPED,
        /** Kept, unanswered, until {@link #release}: {@link #held} tells how many are. */
        HELD,
        /** Forwarded as the broker sent it. */
        FORWARDED
    }

    /** A SUBACK held back, with the connection to the client it is for. */
    private record Held(MqttPacket suback, OutputStream to) {
    }

    private final ServerSocket server;
    private final int brokerPort;
    private volatile Suback suback;
    private final List<Held> held = new ArrayList<>();
    /** Both ends of every connection relayed, for {@link #cut}. */
    private final List<Socket> sockets = new ArrayList<>();

    /** Refuses with failure codes: {@link Suback#FAILURE_CODES}. */
    public RefuseSubscribeProxy(int brokerPort) throws IOException {
        this(brokerPort, Suback.FAILURE_CODES);
    }

    public RefuseSubscribeProxy(int brokerPort, Suback suback) throws IOException {
        this.brokerPort = brokerPort;
        this.suback = suback;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        start(this::accept);
    }

    public String url() {
        return "tcp://127.0.0.1:" + server.getLocalPort();
    }

    /** What is done with the SUBACKs from now on. */
    public void answer(Suback how) {
        this.suback = how;
    }

    /** SUBACKs held now ({@link Suback#HELD}), not yet released: SUBSCRIBEs the client has no answer to. */
    public synchronized int held() {
        return held.size();
    }

    /**
     * Forwards the SUBACKs held, in the order the broker sent them, each on its own connection (one closed since is
     * skipped: the client cannot get it), and forwards the SUBACKs that follow.
     */
    public synchronized void release() {
        suback = Suback.FORWARDED;
        for (Held h : held) {
            try {
                synchronized (h.to()) {
                    h.suback().writeTo(h.to());
                }
            } catch (IOException e) {
                // that connection ended: its SUBACK can no longer reach the client
            }
        }
        held.clear();
    }

    /** Ends every connection relayed so far, as a network that drops: neither side gets a DISCONNECT. */
    public synchronized void cut() throws IOException {
        for (Socket s : sockets) {
            s.close();
        }
        sockets.clear();
    }

    private synchronized boolean hold(MqttPacket p, OutputStream to) {
        if (suback != Suback.HELD) {
            return false;
        }
        held.add(new Held(p, to));
        return true;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket broker = new Socket(InetAddress.getLoopbackAddress(), brokerPort);
                synchronized (this) {
                    sockets.add(client);
                    sockets.add(broker);
                }
                start(() -> LoopbackRelay.pumpBytes(client, broker));
                start(() -> pumpPackets(broker, client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void start(Runnable r) {
        Thread t = new Thread(r, "refuse-subscribe-proxy");
        t.setDaemon(true);
        t.start();
    }

    /** The broker's packets, whole, each SUBACK refused as {@link #suback} says. */
    private void pumpPackets(Socket from, Socket to) {
        try (from; to) {
            DataInputStream in = new DataInputStream(from.getInputStream());
            OutputStream out = to.getOutputStream();
            for (MqttPacket p = MqttPacket.read(in); p != null; p = MqttPacket.read(in)) {
                if (p.type() == MqttPacket.SUBACK) {
                    Suback how = suback;
                    if (how == Suback.DROPPED || how == Suback.HELD && hold(p, out)) {
                        continue;
                    }
                    if (how == Suback.FAILURE_CODES) {
                        Arrays.fill(p.body(), 2, p.body().length, (byte) 0x80);
                    }
                }
                synchronized (out) {
                    p.writeTo(out);
                }
            }
        } catch (IOException e) {
            // one side closed: so is the other, by the try
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
