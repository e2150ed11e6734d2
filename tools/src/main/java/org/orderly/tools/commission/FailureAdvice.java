package org.orderly.tools.commission;

import java.util.Optional;
import java.util.OptionalInt;
import org.eclipse.californium.scandium.dtls.DtlsHandshakeTimeoutException;
import org.orderly.gateway.app.config.MeterConfig;
import org.orderly.gateway.field.dlt645.DataId;
import org.orderly.gateway.field.dlt645.MeterRefusal;
import org.orderly.gateway.field.modbus.FailureKind;
import org.orderly.gateway.field.modbus.FieldReadException;
import org.orderly.gateway.field.pile.PileFailure;
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
            case EXCEPTION_RESPONSE -> dlt645 ? who + " answers but refuses to be read" + DLT645_OWN_REFUSAL + "; check "
                    + "that it speaks the DL/T 645 edition asked, DL/T 645-2007 or DL/T 645-1997 (dlt645.version in the "
                    + "configuration, --edition of orderly dlt645 read), and what its manual says keeps it from "
                    + "being read over RS-485"
                    : who + " refuses the map's registers: the map does not fit this meter "
                    + "(orderly modbus scan names one that does)";
            case BUSY -> who + " answered busy (exception 06, server device busy) on every try: it is busy with something "
                    + "else (another master on its line, or its own menu); run this again in a while";
            case GARBLED -> "garbled answers from " + who + ": a wrong baud rate or parity, or two devices with this "
                    + (dlt645 ? "address" : "unit id") + " on the line";
            case CONNECTION -> "cannot reach the line: check the bus's host and port (or serial port) in the configuration "
                    + "and that the meter or its Modbus gateway is on";
        };
    }

    /**
     * A DL/T 645 meter's refusal other than "no such data". It came from the address asked (a reply from another is
     * garbled), so the address and the line are right; a meter has no map to fit, so what is left is the meter.
     */
    private static final String DLT645_OWN_REFUSAL = ", for a reason of its own (its error byte says which): its address and "
            + "the line are right";

    /**
     * A DL/T 645 meter that refused a quantity the configuration has it read. "No such data" is the meter saying it has
     * none such: the configuration asks for a quantity the meter does not have, and leaves it out unless Orderly needs
     * it (the transformer meter's total power). Any other refusal is the meter's own.
     *
     * @param refused the identifier refused
     * @param read    the {@code orderly dlt645 read} command line for this meter, which lists what it has
     */
    static String dlt645Refusal(FieldReadException e, MeterConfig meter, DataId refused, String read) {
        String quantity = refused.quantity();
        String who = "address " + meter.dlt645().address();
        if (!MeterRefusal.noSuchData(e)) {
            return who + " answers but refuses " + quantity + DLT645_OWN_REFUSAL + "; " + read + " shows which quantities it "
                    + "gives, and its manual what keeps it from giving this one";
        }
        String lacks = who + " has no " + quantity + " (the meter said no such data)";
        String lists = read + " lists the quantities it has";
        if (meter.isTransformer() && refused.quantity().equals("power.total.kw")) {
            return lacks + ", which Orderly reads from the transformer meter every cycle: check that this address is the "
                    + "transformer's meter and that its dlt645.version (" + refused.version().text() + ") is the edition it "
                    + "speaks; " + lists;
        }
        return lacks + (meter.dlt645().quantities().isEmpty() ? ": give its dlt645.quantities without it (the default list "
                + "for a " + (meter.isTransformer() ? "transformer" : "pile") + " meter asks for it); "
                : ": leave it out of its dlt645.quantities; ") + lists;
    }

    /** What to do about a bridge that answered 5.03: it answers so once a stop has closed its pile. */
    private static final String BRIDGE_STOPPING = "check that its service runs (it may be stopping or restarting; its log says why)";

    /** A Modbus pile that answered exception 06 to every try. */
    static final String BUSY_PILE = "the pile answered busy (Modbus exception 06, server device busy) to every try: it is busy "
            + "with something else (another master on its line, its own menu or an update); try again in a while";

    /** How a pile was asked: a Modbus pile, or a firmware-bridge in plain CoAP or over DTLS. */
    enum PileLink { MODBUS, PLAIN, DTLS }

    /**
     * After no status came: what the last failure (if any) says about a Modbus pile or a firmware-bridge.
     *
     * @param options the installer set the pile on the command line (pile get, pile set), not in the configuration
     *                (selftest): the advice names the options, or the configuration's keys
     */
    static String pile(Optional<PileFailure> last, PileLink link, boolean options) {
        return pile(last, link, options, false);
    }

    /**
     * As above.
     *
     * @param handshakeCompleted a DTLS handshake with the bridge completed (a request went out over the session): it
     *                           runs at that address and took the key, so silence after it is the way there
     */
    static String pile(Optional<PileFailure> last, PileLink link, boolean options, boolean handshakeCompleted) {
        Optional<PileFailureKind> kind = last.map(PileFailure::kind);
        boolean silent = kind.isEmpty() || kind.get() == PileFailureKind.TIMEOUT;
        if (link == PileLink.DTLS && silent && handshakeCompleted) {
            return "the bridge took this PSK identity and key (the DTLS handshake completed) but answered no request: "
                    + "requests to it, or its answers, were lost or late (a lossy network, or a busy bridge or computer); "
                    + "check the network between here and the bridge (a ping shows losses)";
        }
        if (link == PileLink.PLAIN && silent) {
            // A bridge that speaks DTLS only drops plain CoAP without a word, as an address where nothing runs does.
            return "no answer to plain CoAP: the bridge may speak DTLS only (coaps, port 5684: give " + (options
                    ? "--psk-identity and --psk-file instead of --plain, and --coap-port 5684 or none" : "the pile pskIdentity and "
                    + "pskKeyFile instead of plain: true, and port 5684") + "), or not run there: check its address and "
                    + (options ? "--coap-port" : "port");
        }
        if (link == PileLink.DTLS && kind.isPresent() && kind.get() == PileFailureKind.HANDSHAKE) {
            return handshake(last.get(), options);
        }
        if (link != PileLink.MODBUS && silent) {
            return "check the bridge's address and port and that the firmware-bridge runs (DTLS on 5684, plain on 5683)";
        }
        if (silent) {
            return "no answer: check the pile's unit id, the line settings and the wiring";
        }
        boolean modbus = link == PileLink.MODBUS;
        return switch (kind.get()) {
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
            case BUSY -> modbus ? BUSY_PILE : "the bridge said it cannot answer now (5.03 Service Unavailable), as a "
                    + "firmware-bridge does while it stops: " + BRIDGE_STOPPING;
            case TIMEOUT -> throw new AssertionError("handled above");
        };
    }

    /**
     * After a limit was not confirmed by a pile that answered in this run (a status came, or it acknowledged the
     * limit): it speaks the transport asked and runs at that address, so the advice after silence ("may speak DTLS
     * only", "check that the firmware-bridge runs", "check the unit id") is not what happened: some requests or answers
     * were lost or late, or the pile did not take the limit's writes.
     *
     * @param limitFailure the latest failure of the limit's sending (a PUT /limit, a Modbus write), if any
     * @param acknowledged the pile acknowledged the limit; then only no status came after it
     */
    static String unconfirmed(Optional<PileFailure> limitFailure, PileLink link, boolean acknowledged) {
        boolean modbus = link == PileLink.MODBUS;
        if (acknowledged) {
            return modbus ? "the pile took the limit but no status was read after it: its status reads failed (below); check "
                    + "the line" : "the bridge acknowledged the limit but no status came after it: its statuses were lost or "
                    + "late (a lossy network, or a busy bridge or computer); check the network between here and the bridge "
                    + "(a ping shows losses) and run pile get";
        }
        Optional<PileFailureKind> kind = limitFailure.map(PileFailure::kind);
        if (!modbus && kind.isPresent() && kind.get() == PileFailureKind.BUSY) {
            return "the bridge said it cannot take a limit now (5.03 Service Unavailable), as a firmware-bridge does while "
                    + "it stops: " + BRIDGE_STOPPING + " and run pile set again";
        }
        if (modbus && kind.isPresent() && kind.get() == PileFailureKind.TIMEOUT) {
            return "the pile answers its status reads but gave no answer to the limit's writes (a register it lacks or a "
                    + "write function it does not take would be refused, not met with silence): check that the pile takes "
                    + "control over Modbus (many take writes only once a setting of theirs allows it), and that nothing "
                    + "between here and the pile passes reads only";
        }
        boolean unanswered = kind.isEmpty() || kind.get() == PileFailureKind.TIMEOUT
                || !modbus && (kind.get() == PileFailureKind.CONNECTION || kind.get() == PileFailureKind.HANDSHAKE);
        if (!unanswered) {
            return pile(limitFailure, link, true);
        }
        return modbus ? "the pile answers its status reads but did not acknowledge the limit's writes: check the map's "
                + "limit, watchdog and fallback registers (address, function) against the pile's Modbus table, and the line"
                : "the bridge sends its status but did not acknowledge the limit (PUT /limit): requests to it, or its answers, "
                + "were lost or late (a lossy network, or a busy bridge or computer); check the network between here and the "
                + "bridge (a ping shows losses) and run pile set again";
    }

    /**
     * A DTLS handshake that failed: Scandium gives up on a flight it sent. The first is the client's hello: nothing
     * there speaks DTLS (a plain bridge drops it, as an address where nothing runs does). A later one went unanswered
     * after the bridge had answered the hello: it did not take the identity and key (a wrong key shows only in the
     * Finished message, which the bridge cannot decrypt, and drops).
     */
    private static String handshake(PileFailure failure, boolean options) {
        OptionalInt flight = flight(failure.cause().orElse(null));
        if (flight.isPresent() && flight.getAsInt() == 1) {
            return "nothing answered the DTLS handshake: the bridge may speak plain CoAP only (port 5683: " + (options
                    ? "--plain, and --coap-port 5683 or none" : "plain: true instead of pskIdentity and pskKeyFile, and port 5683")
                    + "), or not run there: check its address and " + (options ? "--coap-port" : "port");
        }
        if (flight.isPresent()) {
            return "the bridge answered but did not take this PSK identity and key (the DTLS handshake stopped after its "
                    + "hello): check " + (options ? "--psk-identity and the key in --psk-file" : "pskIdentity and the key in "
                    + "pskKeyFile") + " against the bridge's --psk-identity and --psk-key-file";
        }
        return "the DTLS handshake failed: check the PSK identity and key file against the bridge's, and that the bridge is "
                + "not a plain one";
    }

    private static OptionalInt flight(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof DtlsHandshakeTimeoutException timeout) {
                return OptionalInt.of(timeout.getFlightNumber());
            }
        }
        return OptionalInt.empty();
    }
}
