package org.orderly.tools.commission;

import java.util.Optional;
import org.orderly.gateway.field.modbus.FailureKind;
import org.orderly.gateway.field.pile.PileFailureKind;

/**
 * What a failed exchange with a meter or a pile means to an installer, and what to check, in plain words; the
 * driver's own detail (frames, function codes) follows it for whoever needs it.
 */
final class FailureAdvice {
    private FailureAdvice() {
    }

    /**
     * @param who     {@code unit 2} or {@code address 000000000042}
     * @param dlt645  a DL/T 645 meter rather than a Modbus one
     */
    static String meter(FailureKind kind, String who, boolean dlt645) {
        String find = dlt645 ? "(orderly dlt645 address reads it from a meter alone on the line)"
                : "(orderly modbus scan lists the units that answer)";
        return switch (kind) {
            case TIMEOUT -> "no answer from " + who + ": check its " + (dlt645 ? "address " : "unit id ") + find
                    + ", the line settings and the wiring";
            case EXCEPTION_RESPONSE -> who + " refuses the map's registers: the map does not fit this meter "
                    + "(orderly modbus scan names one that does)";
            case GARBLED -> "garbled answers from " + who + ": a wrong baud rate or parity, or two devices with this "
                    + (dlt645 ? "address" : "unit id") + " on the line";
            case CONNECTION -> "cannot reach the line: check the bus's host and port (or serial port) in the configuration "
                    + "and that the meter or its Modbus gateway is on";
        };
    }

    /** After no status came: what the last failure (if any) says about a Modbus pile or a firmware-bridge. */
    static String pile(Optional<PileFailureKind> last, boolean modbus) {
        if (!modbus && (last.isEmpty() || last.get() == PileFailureKind.TIMEOUT)) {
            return "check the bridge's address and port and that the firmware-bridge runs (DTLS on 5684, plain on 5683)";
        }
        if (last.isEmpty() || last.get() == PileFailureKind.TIMEOUT) {
            return "no answer: check the pile's unit id, the line settings and the wiring";
        }
        return switch (last.get()) {
            case REJECTED -> modbus ? "the pile refuses the map's registers: the map does not fit this pile; check it against "
                    + "the pile's Modbus table" : "the bridge refused the request: check that it is this release's firmware-bridge";
            case MALFORMED -> modbus ? "the pile's answer does not fit its map (a state code not under states?); check the map "
                    + "against the pile's Modbus table" : "the bridge's answer cannot be read: check that it is this release's "
                    + "firmware-bridge";
            case HANDSHAKE -> "the DTLS handshake failed: check the PSK identity and key file against the bridge's, and that "
                    + "the bridge is not a plain one";
            case CONNECTION -> modbus ? "cannot reach the line: check the host and port (or serial port) and that the pile or its "
                    + "Modbus gateway is on" : "cannot reach the bridge: check its address";
            case SERVER_ERROR -> "the bridge failed on its side: see its log";
            case TIMEOUT -> throw new AssertionError("handled above");
        };
    }
}
