package org.orderly.tools.aggregate;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A broker without MQTT 5 subscription identifiers, made of a real one behind a relay on 127.0.0.1: every CONNACK
 * (unless told otherwise, {@link #identifiers}) is given the property Subscription Identifier Available = 0 (MQTT 5, 3.2.2.3.12), and a SUBSCRIBE that carries a
 * Subscription Identifier then ends the connection, as such a broker must (3.8.2.1.2: "It is a Protocol Error to
 * include the Subscription Identifier if the Server does not support it", reason code 0xA1). Mosquitto, behind it,
 * adds identifiers to a PUBLISH only for subscriptions made with one, so a client that keeps to the CONNACK gets none.
 */
final class NoIdentifiersRelay implements AutoCloseable {
    private static final int CONNACK = 2;
    private static final int SUBSCRIBE = 8;
    private static final int SUBSCRIPTION_IDENTIFIER = 0x0B;
    private static final int SUBSCRIPTION_IDENTIFIERS_AVAILABLE = 0x29;

    private final ServerSocket server;
    private final int brokerPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final List<String> refused = new CopyOnWriteArrayList<>();
    private final List<Integer> subscribes = new CopyOnWriteArrayList<>();
    private final List<Integer> identifiedSubscribes = new CopyOnWriteArrayList<>();
    /** What the CONNACKs say from now on: none (the default), or what the broker behind says. */
    private volatile boolean withoutIdentifiers = true;

    NoIdentifiersRelay(int brokerPort) throws IOException {
        this.brokerPort = brokerPort;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        start(this::accept);
    }

    String url() {
        return "tcp://127.0.0.1:" + server.getLocalPort();
    }

    /** The SUBSCRIBEs that carried a subscription identifier, each of which ended its connection. */
    List<String> refused() {
        return List.copyOf(refused);
    }

    /** How many SUBSCRIBEs were relayed (without an identifier). */
    int subscribes() {
        return subscribes.size();
    }

    /** How many SUBSCRIBEs with a subscription identifier were relayed, while the CONNACKs allowed them. */
    int identifiedSubscribes() {
        return identifiedSubscribes.size();
    }

    /**
     * From the next connection on, the CONNACKs say what the broker behind says ({@code true}: it has identifiers,
     * and a SUBSCRIBE with one is relayed) or that it has none: a broker restarted with other settings, or another
     * behind the same address after a failover.
     */
    void identifiers(boolean available) {
        withoutIdentifiers = !available;
    }

    /** Ends every connection made so far, as a broker's restart does; new ones are taken. */
    void dropConnections() throws IOException {
        for (Socket s : sockets) {
            s.close();
        }
        sockets.clear();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket broker = new Socket(InetAddress.getLoopbackAddress(), brokerPort);
                sockets.add(client);
                sockets.add(broker);
                boolean without = withoutIdentifiers; // one connection's CONNACK and SUBSCRIBEs agree
                start(() -> pump(client, broker, true, without));
                start(() -> pump(broker, client, false, without));
            } catch (IOException e) {
                return;
            }
        }
    }

    /** Forwards packets until either side closes, rewriting CONNACKs and refusing identified SUBSCRIBEs. */
    private void pump(Socket from, Socket to, boolean fromClient, boolean without) {
        try (from; to) {
            DataInputStream in = new DataInputStream(from.getInputStream());
            OutputStream out = to.getOutputStream();
            while (true) {
                int first = in.read();
                if (first < 0) {
                    return;
                }
                byte[] body = new byte[readVarInt(in)];
                in.readFully(body);
                int type = first >>> 4;
                if (fromClient && type == SUBSCRIBE) {
                    boolean identified = identified(body);
                    if (identified && without) {
                        refused.add("SUBSCRIBE with a subscription identifier");
                        return; // the connection ends: a Protocol Error
                    }
                    (identified ? identifiedSubscribes : subscribes).add(1);
                }
                if (!fromClient && type == CONNACK && without) {
                    body = withoutIdentifiers(body);
                }
                write(out, first, body);
            }
        } catch (IOException e) {
            // one side closed: so is the other, by the try
        }
    }

    /** Whether a SUBSCRIBE's properties (after its packet identifier) hold a Subscription Identifier. */
    private static boolean identified(byte[] body) throws IOException {
        InputStream in = new ByteArrayInputStream(body, 2, body.length - 2);
        int length = readVarInt(in);
        byte[] props = in.readNBytes(length);
        int i = 0;
        while (i < props.length) {
            int id = props[i++] & 0xFF;
            if (id == SUBSCRIPTION_IDENTIFIER) {
                return true;
            }
            if (id != 0x26) {
                throw new IOException("SUBSCRIBE property 0x" + Integer.toHexString(id) + " not known to the relay");
            }
            // User Property: two UTF-8 strings, each a two-byte length and its bytes.
            for (int s = 0; s < 2; s++) {
                i += 2 + (((props[i] & 0xFF) << 8) | (props[i + 1] & 0xFF));
            }
        }
        return false;
    }

    /** The CONNACK's body with Subscription Identifier Available = 0 added to its properties. */
    private static byte[] withoutIdentifiers(byte[] body) throws IOException {
        InputStream in = new ByteArrayInputStream(body, 2, body.length - 2);
        int length = readVarInt(in);
        byte[] props = in.readNBytes(length);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(body, 0, 2); // acknowledge flags, reason code
        writeVarInt(b, length + 2);
        b.write(props);
        b.write(SUBSCRIPTION_IDENTIFIERS_AVAILABLE);
        b.write(0);
        return b.toByteArray();
    }

    private static void write(OutputStream out, int first, byte[] body) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(first);
        writeVarInt(b, body.length);
        b.write(body);
        out.write(b.toByteArray());
        out.flush();
    }

    private static int readVarInt(InputStream in) throws IOException {
        int value = 0;
        for (int shift = 0; shift < 28; shift += 7) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the stream ended within a length");
            }
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IOException("a variable byte integer longer than four bytes");
    }

    private static void writeVarInt(ByteArrayOutputStream b, int value) {
        do {
            int digit = value & 0x7F;
            value >>>= 7;
            b.write(value > 0 ? digit | 0x80 : digit);
        } while (value > 0);
    }

    private static void start(Runnable r) {
        Thread t = new Thread(r, "no-identifiers-relay");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
