package org.orderly.tools.commission;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.IntFunction;
import org.orderly.gateway.field.modbus.BusEndpoint;
import org.orderly.gateway.field.modbus.FailureKind;
import org.orderly.gateway.field.modbus.FunctionCode;
import org.orderly.serial.TcpMaster;
import org.orderly.text.Count;

/**
 * A Modbus TCP read that failed, asked once more on a socket of its own and its reply's bytes counted as they came: what
 * a commissioning command says of a reply j2mod refused. j2mod says "Premature end of stream" alike of a meter that sent
 * part of a frame (or a byte count beyond its data) and of a server that closed without a word, and the gateway's link
 * sorts both as a connection failure; a frame of fewer registers than asked, or from another unit, it sorts as garbled,
 * as it does a web server's page. Only the bytes tell a meter that answered wrongly from a line that is not there.
 * Commissioning only: the running gateway treats these replies as before.
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
 * @param timeout  how long the whole reply was waited for
 */
record WireReply(BusEndpoint.Tcp line, int asked, FunctionCode function, int register, int count, int bytes, int unit,
        boolean timedOut, Duration timeout) {
    /** An MBAP header and the function code: the least of a Modbus TCP frame that names its unit. */
    private static final int HEADER = 8;
    /** A transaction id of its own, that nothing else on the connection uses. */
    private static final int TRANSACTION = 0x4F52;

    /**
     * Asks {@code count} registers from {@code register} of unit {@code asked} once, waiting {@code timeout} for the
     * whole reply. Empty when nothing answered in Modbus TCP: no connection, nothing came, a header that is not Modbus
     * TCP's (a web page), or an exception frame (j2mod reads those itself). A reply that ended within its header is
     * one when its bytes are as a reply to this request begins.
     */
    static Optional<WireReply> ask(BusEndpoint.Tcp line, int asked, FunctionCode function, int register, int count,
            Duration timeout) {
        int millis = Math.toIntExact(timeout.toMillis());
        byte[] request = {(byte) (TRANSACTION >> 8), (byte) TRANSACTION, 0, 0, 0, 6, (byte) asked, (byte) function.code(),
            (byte) (register >> 8), (byte) register, (byte) (count >> 8), (byte) count};
        byte[] reply = new byte[HEADER + 1 + 2 * count + 256];
        int got = 0;
        boolean timedOut = false;
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(line.host(), line.port()), millis);
            // The timeout bounds the whole reply, not each read: a server that drips a byte at a time would otherwise
            // be waited for a timeout per byte, and its reply counted whole.
            long deadline = System.nanoTime() + timeout.toNanos();
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
            return Optional.of(new WireReply(line, asked, function, register, count, got, unit, timedOut, timeout));
        }
        boolean modbusTcp = got >= HEADER && reply[2] == 0 && reply[3] == 0 && (reply[7] & 0x7F) == function.code();
        if (!modbusTcp || (reply[7] & 0x80) != 0) {
            return Optional.empty();
        }
        return Optional.of(new WireReply(line, asked, function, register, count, got, reply[6] & 0xFF, timedOut, timeout));
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

    /** The bytes a whole reply to the request holds: header, function, byte count and two bytes a register. */
    int due() {
        return HEADER + 1 + 2 * count;
    }

    /** Another unit answered than the one asked (as the gateway's link judges it: not 0 or 255, see {@link TcpMaster}). */
    boolean fromAnotherUnit() {
        return !TcpMaster.answers(asked, unit);
    }

    /** The unit asked answered, with more or fewer bytes than the request is due. */
    boolean wrongLength() {
        return !fromAnotherUnit() && bytes != due();
    }

    /**
     * Asks again the request that {@code failure} was the answer to, when on TCP it was refused as a connection failure
     * or garbled, and says what came of it; empty otherwise, or when it says nothing new.
     */
    static Optional<String> of(BusEndpoint line, int unit, FunctionCode function, int register, int count, Duration timeout,
            FailureKind failure, IntFunction<String> unitSetting) {
        boolean refused = failure == FailureKind.CONNECTION || failure == FailureKind.GARBLED;
        return refused && line instanceof BusEndpoint.Tcp tcp
                ? ask(tcp, unit, function, register, count, timeout).flatMap(w -> w.said(unitSetting)) : Optional.empty();
    }

    /** Where and what was asked: {@code 127.0.0.1:1502 unit 1, register 0x201E (fc 3, 2 registers)}. */
    String request() {
        return line.host() + ":" + line.port() + " unit " + asked + ", register " + String.format("0x%04X", register) + " (fc "
                + function.code() + ", " + Count.of(count, "register") + ")";
    }

    /**
     * What the reply was and what to check, as a sentence; empty when it was whole and from the unit asked (the
     * failure was something else). {@code unitSetting} says how to ask a unit instead ({@code give --unit 7}).
     */
    Optional<String> said(IntFunction<String> unitSetting) {
        if (fromAnotherUnit()) {
            return Optional.of("a reply from unit " + unit + " to a request to " + request() + ": a Modbus TCP server answers "
                    + "there, as another unit than the one asked; " + unitSetting.apply(unit) + " if unit " + unit + " is the "
                    + "meter (orderly modbus scan lists the units that answer), else a TCP-to-RS-485 gateway mixes up the "
                    + "replies of its line");
        }
        if (wrongLength() && timedOut) {
            return Optional.of("a reply of " + bytes + " bytes where " + due() + " were due, in " + timeout.toMillis()
                    + " ms, from " + request() + ": the meter answered, but its reply did not come whole in the timeout (it came "
                    + "a few bytes at a time, or stopped): check the RS-485 converter's settings (its serial timeout or frame "
                    + "gap: one that sends each byte as it comes keeps the reply's end waiting) and the baud rate to the meter");
        }
        if (wrongLength()) {
            return Optional.of("a reply of " + bytes + " bytes where " + due() + " were due, from " + request() + ": the meter "
                    + "answered, but cut short or with a wrong byte count; a meter or its Modbus gateway that cuts replies: "
                    + "check the RS-485 converter's settings (its serial timeout or frame gap, its buffer, the baud rate to "
                    + "the meter) and ask fewer registers per request (max_words in the register map)");
        }
        return Optional.empty();
    }
}
