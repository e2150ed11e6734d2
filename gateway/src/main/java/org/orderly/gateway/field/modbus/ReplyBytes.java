package org.orderly.gateway.field.modbus;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Optional;

/**
 * A Modbus TCP read asked once on a socket of its own, its reply's bytes counted as they came: what j2mod does not say.
 * j2mod says "Premature end of stream" alike of a meter that sent part of a frame (or a byte count beyond its data) and
 * of a server that closed without a word; only the bytes tell them apart. The commissioning commands' advice on a
 * refused reply and the poller's WARN of a connection that ended early both ask it.
 *
 * @param line     where it was asked
 * @param asked    the unit asked
 * @param function the read function
 * @param register the first register asked
 * @param count    how many registers were asked
 * @param bytes    how many bytes of the reply came before the connection closed, the frame its header promised was
 *                 whole, or the timeout passed
 * @param unit     the unit id in the reply's header; the unit asked when the reply ended before it
 * @param timedOut the timeout passed before the reply was whole (or the connection closed)
 * @param timeout  how long the connection and the whole reply were waited for
 */
public record ReplyBytes(BusEndpoint.Tcp line, int asked, FunctionCode function, int register, int count, int bytes, int unit,
        boolean timedOut, Duration timeout) {
    /** An MBAP header and the function code: the least of a Modbus TCP frame that names its unit. */
    private static final int HEADER = 8;
    /** A transaction id of its own, that nothing else on the connection uses. */
    private static final int TRANSACTION = 0x4F52;

    /**
     * Asks {@code count} registers from {@code register} of unit {@code asked} once, waiting {@code timeout} for the
     * connection and the whole reply together. Empty when nothing answered in Modbus TCP: no connection, nothing came, a
     * header that is not Modbus TCP's (a web page), or an exception frame (j2mod reads those itself). A reply that
     * ended within its header is one when its bytes are as a reply to this request begins.
     */
    public static Optional<ReplyBytes> ask(BusEndpoint.Tcp line, int asked, FunctionCode function, int register, int count,
            Duration timeout) {
        int millis = Math.toIntExact(timeout.toMillis());
        byte[] request = {(byte) (TRANSACTION >> 8), (byte) TRANSACTION, 0, 0, 0, 6, (byte) asked, (byte) function.code(),
            (byte) (register >> 8), (byte) register, (byte) (count >> 8), (byte) count};
        byte[] reply = new byte[HEADER + 1 + 2 * count + 256];
        int got = 0;
        boolean timedOut = false;
        // The timeout bounds the whole ask, not each read: a server that drips a byte at a time would otherwise be
        // waited for a timeout per byte, and its reply counted whole.
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(line.host(), line.port()), millis);
            OutputStream out = s.getOutputStream();
            out.write(request);
            out.flush();
            InputStream in = s.getInputStream();
            int frame = reply.length;
            while (got < frame) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    timedOut = true;
                    break;
                }
                s.setSoTimeout((int) Math.max(1, Math.min(millis, left / 1_000_000)));
                int n = in.read(reply, got, frame - got);
                if (n < 0) {
                    break;
                }
                got += n;
                if (got >= 6) {
                    // The header says how long the frame is; a reply longer than the buffer is counted to the buffer's end.
                    frame = Math.min(reply.length, 6 + ((reply[4] & 0xFF) << 8 | (reply[5] & 0xFF)));
                }
            }
        } catch (SocketTimeoutException late) {
            timedOut = true; // what came before the timeout is the reply
        } catch (IOException unreachable) {
            return Optional.empty();
        }
        if (got > 0 && got < HEADER && beginsAsAsked(reply, got)) {
            // Fewer bytes than a header and its function, each as this request's reply begins: a reply cut short
            int unit = got > 6 ? reply[6] & 0xFF : asked;
            return Optional.of(new ReplyBytes(line, asked, function, register, count, got, unit, timedOut, timeout));
        }
        boolean modbusTcp = got >= HEADER && reply[2] == 0 && reply[3] == 0 && (reply[7] & 0x7F) == function.code();
        if (!modbusTcp || (reply[7] & 0x80) != 0) {
            return Optional.empty();
        }
        return Optional.of(new ReplyBytes(line, asked, function, register, count, got, reply[6] & 0xFF, timedOut, timeout));
    }

    /**
     * Whether the {@code got} bytes of {@code reply}, fewer than a header's, are how a reply to this request begins:
     * its transaction id, protocol 0. A server that is not Modbus TCP's (a web page) differs in these.
     */
    private static boolean beginsAsAsked(byte[] reply, int got) {
        byte[] due = {(byte) (TRANSACTION >> 8), (byte) TRANSACTION, 0, 0};
        for (int i = 0; i < Math.min(got, due.length); i++) {
            if (reply[i] != due[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * What the poller's WARN of a connection that ended early says of this reply, when it came from the unit asked and
     * short of its due: {@code reply cut short: 11 of 13 bytes came before the server closed the connection ...}.
     */
    Optional<String> cutShort() {
        if (bytes >= due() || !org.orderly.serial.TcpMaster.answers(asked, unit)) {
            return Optional.empty();
        }
        return Optional.of("asked again on a connection of its own: reply cut short: " + bytes + " of " + due() + " bytes came "
                + (timedOut ? "in the " + timeout.toMillis() + " ms timeout" : "before the server closed the connection")
                + ", the meter answers (not a lost connection); a meter or its RS-485 converter that cuts replies: check the "
                + "converter's settings (its serial timeout or frame gap, its buffer, the baud rate to the meter) and ask "
                + "fewer registers per request (max_words in the register map)");
    }

    /** The bytes a whole reply to the request holds: header, function, byte count and two bytes a register. */
    public int due() {
        return HEADER + 1 + 2 * count;
    }
}
