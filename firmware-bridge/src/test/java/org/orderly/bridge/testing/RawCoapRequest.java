package org.orderly.bridge.testing;

import java.io.ByteArrayOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A confirmable CoAP request written byte by byte (RFC 7252, section 3) and sent over plain UDP to 127.0.0.1, for
 * what no client sends: an option given twice that must not repeat (libcoap and Californium keep one). Options are
 * added in ascending order of number, each value under 13 bytes.
 */
public final class RawCoapRequest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private int lastOption;
    private byte[] payload = new byte[0];

    /** A request of {@code code} (1 GET, 3 PUT) with a one-byte token. */
    public RawCoapRequest(int code, int messageId) {
        bytes.writeBytes(new byte[] {0x41, (byte) code, (byte) (messageId >> 8), (byte) messageId, 0x17});
    }

    private RawCoapRequest(byte[] header) {
        bytes.writeBytes(header);
    }

    /** A request whose token is {@code tokenLength} bytes, 13 to 268: RFC 8974's extended token (TKL 13). */
    public static RawCoapRequest withLongToken(int code, int messageId, int tokenLength) {
        RawCoapRequest request = new RawCoapRequest(new byte[] {0x4D, (byte) code, (byte) (messageId >> 8),
                (byte) messageId, (byte) (tokenLength - 13)});
        request.bytes.writeBytes(new byte[tokenLength]);
        return request;
    }

    public RawCoapRequest option(int number, byte... value) {
        int delta = number - lastOption;
        if (delta < 0 || delta > 12 || value.length > 12) {
            throw new IllegalArgumentException("option " + number + " after " + lastOption + " does not fit a nibble");
        }
        bytes.write(delta << 4 | value.length);
        bytes.writeBytes(value);
        lastOption = number;
        return this;
    }

    public RawCoapRequest path(String segment) {
        return option(11, segment.getBytes(StandardCharsets.UTF_8));
    }

    public RawCoapRequest payload(String text) {
        payload = text.getBytes(StandardCharsets.UTF_8);
        return this;
    }

    /** The answer's type (0 CON, 2 ACK, 3 RST), its code ({@code 4.02}) and its payload as text. */
    public record Answer(int type, String code, String payload) {
    }

    /** Sends it to {@code port} on 127.0.0.1 and waits up to 20 s for the answer (the piggybacked ACK). */
    public Answer sendTo(int port) throws Exception {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        message.writeBytes(bytes.toByteArray());
        if (payload.length > 0) {
            message.write(0xFF);
            message.writeBytes(payload);
        }
        byte[] out = message.toByteArray();
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
            socket.setSoTimeout(20_000); // a bound for a failure: a bridge that never answers
            socket.send(new DatagramPacket(out, out.length, InetAddress.getByName("127.0.0.1"), port));
            DatagramPacket in = new DatagramPacket(new byte[2048], 2048);
            socket.receive(in);
            byte[] d = Arrays.copyOf(in.getData(), in.getLength());
            String code = (d[1] >> 5 & 7) + "." + String.format("%02d", d[1] & 31);
            int at = 4 + (d[0] & 15);
            while (at < d.length && (d[at] & 0xFF) != 0xFF) {
                at += 1 + (d[at] & 15); // the answers' options: short, as this bridge sends them
            }
            String text = at < d.length ? new String(d, at + 1, d.length - at - 1, StandardCharsets.UTF_8) : "";
            return new Answer(d[0] >> 4 & 3, code, text);
        }
    }
}
