package org.orderly.testkit;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * One whole MQTT control packet as a test relay on 127.0.0.1 passes it on: its first byte, its remaining length as sent
 * and its body. The relays read packets, not bytes, where they act on a packet's type ({@link LoopbackRelay} for their
 * sockets).
 */
public record MqttPacket(int first, byte[] length, byte[] body) {
    public static final int CONNACK = 2;
    public static final int PUBLISH = 3;
    public static final int PUBACK = 4;
    public static final int SUBSCRIBE = 8;
    public static final int SUBACK = 9;

    /** A packet of {@code first} and {@code body}, its remaining length that of the body. */
    public static MqttPacket of(int first, byte[] body) {
        ByteArrayOutputStream length = new ByteArrayOutputStream(4);
        writeVarInt(length, body.length);
        return new MqttPacket(first, length.toByteArray(), body);
    }

    /** The next packet, or null when the connection ended between packets. */
    public static MqttPacket read(DataInputStream in) throws IOException {
        int first = in.read();
        if (first < 0) {
            return null;
        }
        byte[] length = remainingLength(in);
        byte[] body = new byte[decode(length)];
        in.readFully(body);
        return new MqttPacket(first, length, body);
    }

    public int type() {
        return first >> 4;
    }

    /** Whether the packet, header and body, holds {@code part}'s bytes in a row. */
    public boolean contains(byte[] part) {
        byte[] whole = bytes();
        outer:
        for (int i = 0; i + part.length <= whole.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (whole[i + j] != part[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** The packet as sent, in one array: a write of it is one write. */
    public byte[] bytes() {
        byte[] whole = new byte[1 + length.length + body.length];
        whole[0] = (byte) first;
        System.arraycopy(length, 0, whole, 1, length.length);
        System.arraycopy(body, 0, whole, 1 + length.length, body.length);
        return whole;
    }

    public void writeTo(OutputStream out) throws IOException {
        out.write(bytes());
        out.flush();
    }

    /** An MQTT variable byte integer (a remaining length, a properties' length) read from {@code in}. */
    public static int readVarInt(InputStream in) throws IOException {
        return decode(remainingLength(in));
    }

    /** {@code value} as an MQTT variable byte integer. */
    public static void writeVarInt(ByteArrayOutputStream out, int value) {
        do {
            int digit = value & 0x7F;
            value >>>= 7;
            out.write(value > 0 ? digit | 0x80 : digit);
        } while (value > 0);
    }

    private static byte[] remainingLength(InputStream in) throws IOException {
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            int x = in.read();
            if (x < 0) {
                throw new EOFException("connection ended inside a variable byte integer");
            }
            b[i] = (byte) x;
            if ((x & 0x80) == 0) {
                return Arrays.copyOf(b, i + 1);
            }
        }
        throw new IOException("a variable byte integer longer than four bytes");
    }

    private static int decode(byte[] length) {
        int value = 0;
        for (int i = length.length - 1; i >= 0; i--) {
            value = (value << 7) | (length[i] & 0x7f);
        }
        return value;
    }
}
