package org.orderly.tools.commission;

import java.time.Duration;
import java.util.Optional;
import java.util.function.IntFunction;
import org.orderly.gateway.field.modbus.BusEndpoint;
import org.orderly.gateway.field.modbus.FailureKind;
import org.orderly.gateway.field.modbus.FunctionCode;
import org.orderly.gateway.field.modbus.ReplyBytes;
import org.orderly.serial.TcpMaster;
import org.orderly.text.Count;

/**
 * A Modbus TCP read that failed, asked once more on a socket of its own and its reply's bytes counted as they came
 * ({@link ReplyBytes}): what a commissioning command says of a reply j2mod refused. j2mod says "Premature end of stream"
 * alike of a meter that sent part of a frame (or a byte count beyond its data) and of a server that closed without a
 * word, and the gateway's link sorts both as a connection failure; a frame of fewer registers than asked, or from another
 * unit, it sorts as garbled, as it does a web server's page. Only the bytes tell a meter that answered wrongly from a
 * line that is not there. The running gateway's WARN of a connection that ended early asks so too (docs/operations.md).
 *
 * @param reply what came of the request asked again
 */
record WireReply(ReplyBytes reply) {
    /** Asks the request once ({@link ReplyBytes#ask}); empty when nothing answered in Modbus TCP. */
    static Optional<WireReply> ask(BusEndpoint.Tcp line, int asked, FunctionCode function, int register, int count,
            Duration timeout) {
        return ReplyBytes.ask(line, asked, function, register, count, timeout).map(WireReply::new);
    }

    /** Another unit answered than the one asked (as the gateway's link judges it: not 0 or 255, see {@link TcpMaster}). */
    boolean fromAnotherUnit() {
        return !TcpMaster.answers(reply.asked(), reply.unit());
    }

    /** The unit asked answered, with more or fewer bytes than the request is due. */
    boolean wrongLength() {
        return !fromAnotherUnit() && reply.bytes() != reply.due();
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
        return reply.line().host() + ":" + reply.line().port() + " unit " + reply.asked() + ", register "
                + String.format("0x%04X", reply.register()) + " (fc " + reply.function().code() + ", "
                + Count.of(reply.count(), "register") + ")";
    }

    /**
     * What the reply was and what to check, as a sentence; empty when it was whole and from the unit asked (the
     * failure was something else). {@code unitSetting} says how to ask a unit instead ({@code give --unit 7}).
     */
    Optional<String> said(IntFunction<String> unitSetting) {
        if (fromAnotherUnit()) {
            int unit = reply.unit();
            return Optional.of("a reply from unit " + unit + " to a request to " + request() + ": a Modbus TCP server answers "
                    + "there, as another unit than the one asked; " + unitSetting.apply(unit) + " if unit " + unit + " is the "
                    + "meter (orderly modbus scan lists the units that answer), else a TCP-to-RS-485 gateway mixes up the "
                    + "replies of its line");
        }
        if (wrongLength() && reply.timedOut()) {
            return Optional.of("a reply of " + reply.bytes() + " bytes where " + reply.due() + " were due, in "
                    + reply.timeout().toMillis() + " ms, from " + request() + ": the meter answered, but its reply did not "
                    + "come whole in the timeout (it came a few bytes at a time, or stopped): check the RS-485 converter's "
                    + "settings (its serial timeout or frame gap: one that sends each byte as it comes keeps the reply's end "
                    + "waiting) and the baud rate to the meter");
        }
        if (wrongLength()) {
            return Optional.of("a reply of " + reply.bytes() + " bytes where " + reply.due() + " were due, from " + request()
                    + ": the meter answered, but cut short or with a wrong byte count; a meter or its Modbus gateway that "
                    + "cuts replies: check the RS-485 converter's settings (its serial timeout or frame gap, its buffer, the "
                    + "baud rate to the meter) and ask fewer registers per request (max_words in the register map)");
        }
        return Optional.empty();
    }
}
