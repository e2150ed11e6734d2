package org.orderly.gateway.upstream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A TCP relay on 127.0.0.1 between the gateway and a real broker that, once armed, holds back everything the broker
 * sends on the next connection from the moment the gateway publishes its "online" on it (the PUBACK of "online" with
 * it): a broker whose acknowledgement is late, for a stop that comes while the gateway waits for it. What the gateway
 * sends is passed on, but for its "offline" once told to lose it ({@link #loseOfflines}): a stop whose "offline" the
 * broker never acknowledges while the rest of the connection, its DISCONNECT too, goes through. The gateway's end of
 * a connection (its FIN) is passed on to the broker.
 */
final class PubackHoldingRelay implements AutoCloseable {
    private static final int PUBLISH = 3;
    private static final byte[] ONLINE = "\"state\":\"online\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OFFLINE = "\"state\":\"offline\"".getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket server;
    private final int brokerPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean armed;
    private volatile CountDownLatch publishedAfterHold = new CountDownLatch(1);
    private volatile boolean losingOfflines;
    private final CountDownLatch offlineLost = new CountDownLatch(1);

    PubackHoldingRelay(int brokerPort) throws IOException {
        this.brokerPort = brokerPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::accept, "relay-accept");
        accept.setDaemon(true);
        accept.start();
    }

    String url() {
        return "tcp://127.0.0.1:" + server.getLocalPort();
    }

    /** On the next connection, nothing more from the broker once the gateway has published its "online". */
    void holdAfterNextOnline() {
        publishedAfterHold = new CountDownLatch(1);
        armed = true;
    }

    /** From now on, on every connection, the gateway's PUBLISH of "offline" does not reach the broker. */
    void loseOfflines() {
        losingOfflines = true;
    }

    /** Whether a PUBLISH of "offline" was kept from the broker since {@link #loseOfflines}. */
    boolean offlineLost() {
        return offlineLost.getCount() == 0;
    }

    /** Ends every connection through the relay, as a network that drops them. */
    void dropConnections() throws IOException {
        for (Socket s : sockets) {
            s.close();
        }
        sockets.clear();
    }

    /** Whether the gateway published "online" on the held connection within {@code seconds}. */
    boolean onlineHeld(long seconds) throws InterruptedException {
        return publishedAfterHold.await(seconds, TimeUnit.SECONDS);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket broker = new Socket(InetAddress.getLoopbackAddress(), brokerPort);
                sockets.add(client);
                sockets.add(broker);
                boolean watch = armed;
                armed = false;
                AtomicBoolean holding = new AtomicBoolean();
                pump(broker.getInputStream(), client, holding, false, false);
                pump(client.getInputStream(), broker, holding, true, watch);
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    /**
     * Copies MQTT packets from {@code in} to {@code to}, none once {@code holding} is set; with {@code watchOnline},
     * the gateway's side, setting it as the gateway publishes "online", before that PUBLISH reaches the broker. From
     * the gateway ({@code fromGateway}), a PUBLISH of "offline" is dropped while {@link #loseOfflines} holds, and the
     * end of its stream is passed on to the broker: without it Mosquitto would see a gateway that closed its connection
     * without a DISCONNECT go only at the keep-alive's end (15 s).
     */
    private void pump(InputStream in, Socket to, AtomicBoolean holding, boolean fromGateway, boolean watchOnline)
            throws IOException {
        OutputStream out = to.getOutputStream();
        CountDownLatch published = publishedAfterHold;
        Thread t = new Thread(() -> {
            try {
                while (true) {
                    byte[] packet = readPacket(in);
                    if (packet == null) {
                        if (fromGateway) {
                            to.shutdownOutput();
                        }
                        return;
                    }
                    boolean isPublish = (packet[0] & 0xFF) >> 4 == PUBLISH;
                    if (watchOnline && isPublish && contains(packet, ONLINE)) {
                        holding.set(true);
                        published.countDown();
                    }
                    if (fromGateway && losingOfflines && isPublish && contains(packet, OFFLINE)) {
                        offlineLost.countDown();
                        continue;
                    }
                    if (fromGateway || !holding.get()) {
                        out.write(packet);
                        out.flush();
                    }
                }
            } catch (IOException e) {
                // the other side or the test closed it
            }
        }, "relay-pump");
        t.setDaemon(true);
        t.start();
    }

    private static boolean contains(byte[] packet, byte[] part) {
        outer:
        for (int i = 0; i + part.length <= packet.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (packet[i + j] != part[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** One whole MQTT packet (fixed header, remaining length, body), or null at the end of the stream. */
    private static byte[] readPacket(InputStream in) throws IOException {
        int first = in.read();
        if (first < 0) {
            return null;
        }
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        packet.write(first);
        int length = 0;
        int shift = 0;
        int b;
        do {
            b = in.read();
            if (b < 0) {
                return null;
            }
            packet.write(b);
            length |= (b & 0x7F) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        packet.write(in.readNBytes(length));
        return packet.toByteArray();
    }

    @Override
    public void close() throws IOException {
        server.close();
        dropConnections();
    }
}
