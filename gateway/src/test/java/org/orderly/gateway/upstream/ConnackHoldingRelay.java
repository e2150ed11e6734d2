package org.orderly.gateway.upstream;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay on 127.0.0.1 in front of a broker that forwards what the client sends (its CONNECT, with the will) and
 * nothing the broker answers: the broker accepts the connection, the client never sees the CONNACK and keeps waiting.
 * {@link #cut()} closes both sides, as a process that exits would: the broker sees the connection end without a
 * DISCONNECT, so it publishes the will.
 */
final class ConnackHoldingRelay implements AutoCloseable {
    private final ServerSocket server;
    private final int brokerPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    ConnackHoldingRelay(int brokerPort) throws IOException {
        this.brokerPort = brokerPort;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread acceptor = new Thread(this::accept, "connack-holding-relay");
        acceptor.setDaemon(true);
        acceptor.start();
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
                Socket broker = new Socket(InetAddress.getLoopbackAddress(), brokerPort);
                sockets.add(client);
                sockets.add(broker);
                Thread pump = new Thread(() -> MqttPacket.pumpBytes(client, broker), "connack-holding-relay-pump");
                pump.setDaemon(true);
                pump.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        cut();
    }
}
