package org.orderly.testkit;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The sockets of a test relay on 127.0.0.1 in front of a broker: a listening port whose every connection is handed to
 * the relay's {@link Accepted} on an accepting thread of its own, the connections to the broker it opens, each on a
 * daemon thread, and their end. What a relay does to what passes (holds, drops, rewrites) is the relay's own.
 */
public final class LoopbackRelay implements AutoCloseable {
    /** What the relay does with a connection accepted: relay it, hold it, close it. */
    @FunctionalInterface
    public interface Accepted {
        void take(Socket client) throws IOException;
    }

    private final String name;
    private final int brokerPort;
    private final ServerSocket server;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    /** Listens on a free port of 127.0.0.1, giving each connection to {@code accepted}; threads named {@code name}. */
    public LoopbackRelay(String name, int brokerPort, Accepted accepted) throws IOException {
        this.name = name;
        this.brokerPort = brokerPort;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        start(() -> accept(accepted));
    }

    /** The relay's address, for the client. */
    public String url() {
        return "tcp://127.0.0.1:" + server.getLocalPort();
    }

    /**
     * Opens a connection to the broker for {@code client}; both are ended by {@link #dropConnections()} and
     * {@link #close()}.
     */
    public Socket toBroker(Socket client) throws IOException {
        Socket broker = new Socket(InetAddress.getLoopbackAddress(), brokerPort);
        sockets.add(client);
        sockets.add(broker);
        return broker;
    }

    /** Relays {@code client} to the broker byte for byte, both ways, until either side closes. */
    public void relayBytes(Socket client) throws IOException {
        Socket broker = toBroker(client);
        start(() -> pumpBytes(client, broker));
        start(() -> pumpBytes(broker, client));
    }

    /** Runs {@code r} on a daemon thread of the relay's. */
    public void start(Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
    }

    /** Ends every connection through the relay, as a network that drops them; the relay goes on accepting. */
    public void dropConnections() throws IOException {
        for (Socket s : sockets) {
            s.close();
        }
        sockets.clear();
    }

    /** Forwards bytes as they come until either side closes; then both are closed. */
    public static void pumpBytes(Socket from, Socket to) {
        try (from; to) {
            from.getInputStream().transferTo(to.getOutputStream());
        } catch (IOException e) {
            // one side closed: so is the other, by the try
        }
    }

    /** What a relay does with one MQTT packet: writes it to {@code out}, holds it or drops it. */
    @FunctionalInterface
    public interface PacketStep {
        /** @return false to end the connection here, both sides closed */
        boolean take(MqttPacket packet, OutputStream out) throws IOException;
    }

    /** What a packet pump does when what it reads from ends. */
    public enum AtEnd {
        /** Shuts the output of the side it writes to: the end is passed on, the other way stays open. */
        PASS_ON,
        /** Closes both sides. */
        CLOSE_BOTH,
        /** Nothing: the side it writes to hears nothing of it (a relay that holds back all from there). */
        NOTHING
    }

    /**
     * Gives each MQTT packet {@code from} sends to {@code step} until {@code from} ends, then does as {@code atEnd}
     * says; both sides are closed when {@code step} ends the connection.
     */
    public static void pumpPackets(Socket from, Socket to, AtEnd atEnd, PacketStep step) {
        try {
            DataInputStream in = new DataInputStream(from.getInputStream());
            OutputStream out = to.getOutputStream();
            for (MqttPacket p = MqttPacket.read(in); p != null; p = MqttPacket.read(in)) {
                if (!step.take(p, out)) {
                    closeBoth(from, to);
                    return;
                }
            }
            switch (atEnd) {
                case PASS_ON -> to.shutdownOutput();
                case CLOSE_BOTH -> closeBoth(from, to);
                case NOTHING -> { }
            }
        } catch (IOException e) {
            // the other side or the test closed it
        }
    }

    private static void closeBoth(Socket from, Socket to) throws IOException {
        try (from; to) {
            // closed by the try
        }
    }

    /** Reads and drops what {@code from} sends until it closes; then both are closed. */
    public static void discardBytes(Socket from, Socket to) {
        try (from; to) {
            from.getInputStream().transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            // one side closed: so is the other, by the try
        }
    }

    private void accept(Accepted accepted) {
        while (!server.isClosed()) {
            try {
                accepted.take(server.accept());
            } catch (IOException e) {
                return; // closed, or the broker not reached: the relay stops accepting
            }
        }
    }

    /** Stops accepting and ends every connection through the relay. */
    @Override
    public void close() throws IOException {
        server.close();
        dropConnections();
    }
}
