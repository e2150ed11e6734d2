package org.orderly.gateway.upstream;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay on 127.0.0.1 between the gateway and a real broker that passes every packet on, in order, but for one
 * PUBACK: that of the gateway's PUBLISH whose payload holds {@link #HOLD}, kept back until the PUBACK of its PUBLISH
 * holding {@link #RELEASE} has gone to the gateway. The broker's verdict on a message then arrives after that on a
 * later one, as it may from a window of several in flight (a broker that answers out of order, or an MQTT client
 * that delivers an acknowledgement late).
 */
final class PubackReorderingRelay implements AutoCloseable {
    /** In a message's payload: its PUBACK waits for that of the message holding {@link #RELEASE}. */
    static final String HOLD = "hold-its-puback";
    static final String RELEASE = "release-the-held-puback";

    private final ServerSocket server;
    private final int brokerPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile int holdId = -1;
    private volatile int releaseId = -1;
    private volatile boolean holding;
    private volatile boolean reordered;

    PubackReorderingRelay(int brokerPort) throws IOException {
        this.brokerPort = brokerPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::accept, "reordering-relay-accept");
        accept.setDaemon(true);
        accept.start();
    }

    String url() {
        return "tcp://127.0.0.1:" + server.getLocalPort();
    }

    /** Whether the broker answered the PUBLISH holding {@link #HOLD}, and its PUBACK is kept back. */
    boolean holding() {
        return holding;
    }

    /** Whether a held PUBACK went to the gateway after the releasing one. */
    boolean reordered() {
        return reordered;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket gateway = server.accept();
                Socket broker = new Socket(InetAddress.getLoopbackAddress(), brokerPort);
                sockets.add(gateway);
                sockets.add(broker);
                pump(gateway.getInputStream(), broker, true);
                pump(broker.getInputStream(), gateway, false);
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    /**
     * Copies MQTT packets from {@code in} to {@code to}. From the gateway, notes the packet ids of the PUBLISHes that
     * hold the markers (before passing them on, so before the broker can answer); from the broker, keeps the held
     * PUBACK until the releasing one is passed on. The end of a stream is passed on.
     */
    private void pump(InputStream in, Socket to, boolean fromGateway) {
        Thread t = new Thread(() -> {
            MqttPacket held = null;
            try {
                DataInputStream packets = new DataInputStream(in);
                OutputStream out = to.getOutputStream();
                while (true) {
                    MqttPacket packet = MqttPacket.read(packets);
                    if (packet == null) {
                        to.shutdownOutput();
                        return;
                    }
                    if (fromGateway && packet.type() == MqttPacket.PUBLISH) {
                        String text = new String(packet.body(), StandardCharsets.ISO_8859_1);
                        if (text.contains(HOLD)) {
                            holdId = publishId(packet.body());
                        } else if (text.contains(RELEASE)) {
                            releaseId = publishId(packet.body());
                        }
                    }
                    boolean puback = !fromGateway && packet.type() == MqttPacket.PUBACK;
                    if (puback && ackId(packet.body()) == holdId) {
                        held = packet;
                        holding = true;
                        continue;
                    }
                    packet.writeTo(out);
                    if (puback && ackId(packet.body()) == releaseId && held != null) {
                        held.writeTo(out);
                        held = null;
                        holding = false;
                        // Once: the client uses the packet ids again for later messages.
                        holdId = -1;
                        releaseId = -1;
                        reordered = true;
                    }
                }
            } catch (IOException e) {
                // the other side or the test closed it
            }
        }, "reordering-relay-pump");
        t.setDaemon(true);
        t.start();
    }

    /** The packet id of a QoS 1 PUBLISH's body: after its topic. */
    private static int publishId(byte[] body) {
        int topicLength = ((body[0] & 0xFF) << 8) | (body[1] & 0xFF);
        return ((body[2 + topicLength] & 0xFF) << 8) | (body[3 + topicLength] & 0xFF);
    }

    /** The packet id of a PUBACK's body. */
    private static int ackId(byte[] body) {
        return ((body[0] & 0xFF) << 8) | (body[1] & 0xFF);
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
