package org.orderly.tools.aggregate;

import java.io.IOException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.orderly.testkit.LoopbackRelay;

/**
 * A TCP relay on 127.0.0.1 in front of a broker, for one client: {@link #close(boolean)} ends every relayed connection
 * without a DISCONNECT and, while closed, holds new ones unrelayed (the network between the client and the broker is
 * down; what the client sends waits), to relay them once {@link #open()}ed. {@link #refuse()} instead closes each new
 * connection once the client's first bytes (its CONNECT) came, unanswered and kept from the broker (a broker, or a
 * relay in front of it, that turns connections away), until {@link #open()}.
 */
final class ClosingRelay implements AutoCloseable {
    private final LoopbackRelay relay;
    private final List<Socket> held = new ArrayList<>();
    private boolean closed;
    private boolean refusing;
    private int refused;

    ClosingRelay(int brokerPort) throws IOException {
        relay = new LoopbackRelay("closing-relay", brokerPort, this::accepted);
    }

    String url() {
        return relay.url();
    }

    /** Ends every relayed connection; with {@code stayClosed}, holds every new one until {@link #open()}. */
    synchronized void close(boolean stayClosed) throws IOException {
        closed = stayClosed;
        relay.dropConnections();
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
            relay.relayBytes(client);
        }
        held.clear();
    }

    private synchronized void accepted(Socket client) throws IOException {
        if (refusing) {
            refused++;
            relay.start(() -> closeOnFirstBytes(client));
        } else if (closed) {
            held.add(client);
        } else {
            relay.relayBytes(client);
        }
    }

    /** Closes {@code client} once its first bytes (its CONNECT) came, unanswered. */
    private static void closeOnFirstBytes(Socket client) {
        try (client) {
            client.getInputStream().read(new byte[1024]);
        } catch (IOException e) {
            // closed by the client first: so it is by the try
        }
    }

    @Override
    public synchronized void close() throws IOException {
        relay.close();
        for (Socket s : held) {
            s.close();
        }
    }
}
