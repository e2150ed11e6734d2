package org.orderly.gateway.upstream;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Arrays;

/**
 * One whole MQTT control packet as a test proxy on 127.0.0.1 relays it: its first byte, its remaining length as sent
 * and its body. The proxies read packets, not bytes, where they act on a packet's type.
 */
record MqttPacket(int first, byte[] length, byte[] body) {
    static final int PUBLISH = 3;
    static final int PUBACK = 4;
    static final int SUBACK = 9;

    /** The next packet, or null when the connection ended between packets. */
    static MqttPacket read(DataInputStream in) throws IOException {
        int first = in.read();
        if (first < 0) {
            return null;
        }
        byte[] length = remainingLength(in);
        byte[] body = new byte[decode(length)];
        in.readFully(body);
        return new MqttPacket(first, length, body);
    }

    int type() {
        return first >> 4;
    }

    void writeTo(OutputStream out) throws IOException {
        out.write(first);
        out.write(length);
        out.write(body);
        out.flush();
    }

    /** Forwards bytes as they come until either side closes; then both are closed. */
    static void pumpBytes(Socket from, Socket to) {
        try (from; to) {
            from.getInputStream().transferTo(to.getOutputStream());
        } catch (IOException e) {
            // one side closed: so is the other, by the try
        }
    }

    /** Reads and drops what {@code from} sends until it closes; then both are closed. */
    static void discardBytes(Socket from, Socket to) {
        try (from; to) {
            from.getInputStream().transferTo(OutputStream.nullOutputStream());
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
}
