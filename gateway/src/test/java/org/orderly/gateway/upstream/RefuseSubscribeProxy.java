package org.orderly.gateway.upstream;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;

/**
 * A TCP proxy on 127.0.0.1 in front of a broker that refuses every MQTT 3.1.1 subscription: it rewrites each return
 * code of the broker's SUBACK to 0x80 (failure), as a 3.1.1 broker whose ACL denies the topic answers (Mosquitto 2.0.11
 * grants such a subscription to a 3.1.1 client instead and delivers nothing). Everything else is forwarded as it comes.
 */
final class RefuseSubscribeProxy implements AutoCloseable {
    private static final int SUBACK = 9;

    private final ServerSocket server;
    private final int brokerPort;

    RefuseSubscribeProxy(int brokerPort) throws IOException {
        this.brokerPort = brokerPort;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        start(this::accept);
    }

    String url() {
        return "tcp://127.0.0.1:" + server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket broker = new Socket(InetAddress.getLoopbackAddress(), brokerPort);
                start(() -> pumpBytes(client, broker));
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

    private static void pumpBytes(Socket from, Socket to) {
        try (from; to) {
            from.getInputStream().transferTo(to.getOutputStream());
        } catch (IOException e) {
            // one side closed: so is the other, by the try
        }
    }

    /** The broker's packets, whole, each SUBACK's return codes (after its 2-byte packet id) made 0x80. */
    private static void pumpPackets(Socket from, Socket to) {
        try (from; to) {
            DataInputStream in = new DataInputStream(from.getInputStream());
            OutputStream out = to.getOutputStream();
            while (true) {
                int first = in.read();
                if (first < 0) {
                    return;
                }
                byte[] length = remainingLength(in);
                byte[] body = new byte[decode(length)];
                in.readFully(body);
                if ((first >> 4) == SUBACK) {
                    Arrays.fill(body, 2, body.length, (byte) 0x80);
                }
                out.write(first);
                out.write(length);
                out.write(body);
                out.flush();
            }
        } catch (IOException e) {
            // one side closed: so is the other, by the try
        }
    }

    private static byte[] remainingLength(InputStream in) throws IOException {
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            int x = in.read();
            if (x < 0) {
                throw new IOException("connection ended inside a packet header");
            }
            b[i] = (byte) x;
            if ((x & 0x80) == 0) {
                return Arrays.copyOf(b, i + 1);
            }
        }
        throw new IOException("malformed remaining length");
    }

    private static int decode(byte[] length) {
        int value = 0;
        for (int i = length.length - 1; i >= 0; i--) {
            value = (value << 7) | (length[i] & 0x7f);
        }
        return value;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
