package org.orderly.tools.aggregate;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay on 127.0.0.1 in front of a broker, for one client: {@link #close(boolean)} ends every relayed connection
 * without a DISCONNECT and, while closed, holds new ones unrelayed (the network between the client and the broker is
 * down; what the client sends waits), to relay them once {@link #open()}ed. {@link #refuse()} instead closes each new
 * connection once the client's first bytes (its CONNECT) came, unanswered and kept from the broker (a broker, or a
 * relay in front of it, that turns connections away), until {@link #open()}.
 */
final class ClosingRelay implements AutoCloseable {
    private final ServerSocket server;
    private final int brokerPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final List<Socket> held = new ArrayList<>();
    private boolean closed;
    private boolean refusing;
    private int refused;

    ClosingRelay(int brokerPort) throws IOException {
        this.brokerPort = brokerPort;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        start(this::accept);
    }

    String url() {
        return "tcp://127.0.0.1:" + server.getLocalPort();
    }

    /** Ends every relayed connection; with {@code stayClosed}, holds every new one until {@link #open()}. */
    synchronized void close(boolean stayClosed) throws IOException {
        closed = stayClosed;
        for (Socket s : sockets) {
            s.close();
        }
        sockets.clear();
    }

    /** Ends every relayed connection and closes every new one once its first bytes came, until {@link #open()}. */
    synchronized void refuse() throws IOException {
        close(false);
        refusing = true;
    }

    /** How many new connections were turned away while {@link #refuse()}d. */
    synchronized int refused() {
        return refused;
    }

    /** Relays the connections held meanwhile, and every new one. */
    synchronized void open() throws IOException {
        closed = false;
        refusing = false;
        for (Socket client : held) {
            relay(client);
        }
        held.clear();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                synchronized (this) {
                    if (refusing) {
                        refused++;
                        start(() -> closeOnFirstBytes(client));
                    } else if (closed) {
                        held.add(client);
                    } else {
                        relay(client);
                    }
                }
            } catch (IOException e) {
                return;
            }
        }
    }

    private void relay(Socket client) throws IOException {
        Socket broker = new Socket(InetAddress.getLoopbackAddress(), brokerPort);
        sockets.add(client);
        sockets.add(broker);
        start(() -> pump(client, broker));
        start(() -> pump(broker, client));
    }

    /** Closes {@code client} once its first bytes (its CONNECT) came, unanswered. */
    private static void closeOnFirstBytes(Socket client) {
        try (client) {
            client.getInputStream().read(new byte[1024]);
        } catch (IOException e) {
            // closed by the client first: so it is by the try
        }
    }

    /** Forwards bytes as they come until either side closes; then both are closed. */
    private static void pump(Socket from, Socket to) {
        try (from; to) {
            from.getInputStream().transferTo(to.getOutputStream());
        } catch (IOException e) {
            // one side closed: so is the other, by the try
        }
    }

    private static void start(Runnable r) {
        Thread t = new Thread(r, "closing-relay");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public synchronized void close() throws IOException {
        server.close();
        close(false);
        for (Socket s : held) {
            s.close();
        }
    }
}
