package org.orderly.gateway.upstream;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.orderly.testkit.LoopbackRelay;
import org.orderly.testkit.MqttPacket;

/**
 * A TCP relay on 127.0.0.1 in front of a broker that forwards what the client sends (its CONNECT, with the will) and
 * nothing the broker answers: the broker accepts the connection, the client never sees the CONNACK and keeps waiting.
 * When either side closes, so does the other (the broker ends a client silent past its keep-alive, as over a network).
 * {@link #holdingFirst} holds back only the first connections' answers and relays the later ones both ways (a broker
 * slow to answer once). {@link #cut()} closes both sides, as a process that exits would: the broker sees the
 * connection end without a DISCONNECT, so it publishes the will. {@link #closingFirst} stands for a front that accepts
 * TCP while the broker behind it is down (HAProxy or a load balancer in TCP mode, stunnel): it reads the first
 * connections' CONNECT and closes them, passing nothing to the broker, so the client's wait for the CONNACK ends with
 * the connection lost.
 */
final class ConnackHoldingRelay implements AutoCloseable {
    private final ServerSocket server;
    private final int brokerPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    /** How many connections, from the first, get nothing of what the broker answers. */
    private final int held;
    /** Whether the first {@link #held} connections are closed after their CONNECT rather than held. */
    private final boolean closing;
    private int accepted;

    /** Holds back the broker's answers on every connection. */
    ConnackHoldingRelay(int brokerPort) throws IOException {
        this(brokerPort, Integer.MAX_VALUE, false);
    }

    private ConnackHoldingRelay(int brokerPort, int held, boolean closing) throws IOException {
        this.brokerPort = brokerPort;
        this.held = held;
        this.closing = closing;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread acceptor = new Thread(this::accept, "connack-holding-relay");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Holds back the broker's answers on the first {@code held} connections and relays every later one both ways. */
    static ConnackHoldingRelay holdingFirst(int brokerPort, int held) throws IOException {
        return new ConnackHoldingRelay(brokerPort, held, false);
    }

    /**
     * Closes the first {@code closed} connections once their CONNECT has come, the broker never reached, and relays
     * every later one both ways.
     */
    static ConnackHoldingRelay closingFirst(int brokerPort, int closed) throws IOException {
        return new ConnackHoldingRelay(brokerPort, closed, true);
    }

    String url() {
        return "tcp://127.0.0.1:" + server.getLocalPort();
    }

    /** Closes every relayed connection, both sides, without a DISCONNECT. */
    void cut() throws IOException {
        for (Socket s : sockets) {
            s.close();
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (closing && accepted < held) {
                    accepted++;
                    sockets.add(client);
                    start(() -> closeAfterConnect(client));
                    continue;
                }
                Socket broker = new Socket(InetAddress.getLoopbackAddress(), brokerPort);
                sockets.add(client);
                sockets.add(broker);
                pump(client, broker);
                if (++accepted > held) {
                    pump(broker, client);
                } else {
                    start(() -> LoopbackRelay.discardBytes(broker, client));
                }
            } catch (IOException e) {
                return;
            }
        }
    }

    /** Reads the CONNECT, so the client is waiting for its CONNACK, and closes the connection. */
    private static void closeAfterConnect(Socket client) {
        try (client) {
            MqttPacket.read(new DataInputStream(client.getInputStream()));
        } catch (IOException e) {
            // The client gave up first: closed either way.
        }
    }

    private static void pump(Socket from, Socket to) {
        start(() -> LoopbackRelay.pumpBytes(from, to));
    }

    private static void start(Runnable pump) {
        Thread t = new Thread(pump, "connack-holding-relay-pump");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        server.close();
        cut();
    }
}
