package org.orderly.tools.commission;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.orderly.gateway.field.modbus.AnsweredBusyBefore;
import org.orderly.gateway.field.modbus.BusEndpoint;
import org.orderly.gateway.field.modbus.BusyRetry;
import org.orderly.gateway.field.modbus.FailureClassifier;
import org.orderly.gateway.field.modbus.FailureKind;
import org.orderly.gateway.field.modbus.FieldReadException;
import org.orderly.gateway.field.modbus.LateAnswer;
import org.orderly.text.Count;

/**
 * What the failed requests of one {@code orderly modbus read} mean, as one line for the installer: the table's
 * {@code (timeout)} in every row says nothing of a wrong unit id, nor {@code (exception_response)} of a wrong map.
 */
final class ReadAdvice {
    private ReadAdvice() {
    }

    /**
     * Garbled answers over TCP: what answers at that port is not a Modbus TCP server (a web page, another protocol). A
     * baud rate or parity, a serial line's, has no part in it; a Modbus TCP gateway passes a garbled serial line's
     * trouble on as exception 0B or silence, in well-formed frames.
     */
    static String notModbusTcp(BusEndpoint.Tcp line, Exception garbled) {
        return line + " does not answer Modbus TCP: what answers there is not a Modbus TCP server (" + cause(garbled) + "); check "
                + "--tcp-port (Modbus TCP is on 502 unless the meter's gateway says otherwise) and --host";
    }

    /**
     * What a commissioning command says of unit {@code unit} asked on {@code line} whose reply, whole, came from unit
     * {@code replied} ({@link FieldReadException#anotherUnit}), then {@code instead}: how to ask that unit. On a serial
     * line the reply began with that unit's address, its CRC good: a Modbus reply, come late or to another master's
     * request, not a wrong baud rate (until 2026-12-07, rtu62, the commands said that of it).
     */
    static String ofAnotherUnit(BusEndpoint line, int unit, int replied, String instead) {
        if (line instanceof BusEndpoint.Serial) {
            return "a Modbus RTU reply came from unit " + replied + ", not unit " + unit + " asked: a late reply of unit "
                    + replied + " (asked before, slower than the timeout), or another master on this line asking it (the "
                    + "gateway service, a pile's own master: stop it); " + instead;
        }
        return "a Modbus TCP reply came from unit " + replied + ", not unit " + unit + " asked: a TCP-to-RS-485 gateway that "
                + "mixes up the replies of its line, or passes on a late reply of unit " + replied + "; " + instead;
    }

    /** The driver's own words for a failure: its cause's message, else its own. */
    static String cause(Exception failure) {
        return failure.getCause() != null && failure.getCause().getMessage() != null
                ? failure.getCause().getMessage() : failure.getMessage();
    }

    /**
     * Every request failed as a silent unit's ({@link LateAnswer#silent}: timed out, none after a busy answer, none
     * answered for by a Modbus gateway, none cut while the unit replied): the unit is silent, or slower than the
     * timeout, and is asked once more, given longer ({@link LateAnswer}), by {@code modbus read} and {@code selftest}
     * alike. A unit cut while it replied answered: the cut's advice ({@link #replyCut}) says how, and a late ask would
     * only replace it with a time to wait (until 2026-12-07 {@code selftest} asked it so, and its row said {@code no
     * answer from unit 1: check its unit id ...}, or the time the ask took: {@code DrippingRtuSelftestTest}).
     */
    static boolean silent(List<FieldReadException> failures, int requests) {
        return failures.size() == requests && failures.stream().allMatch(LateAnswer::silent);
    }

    /**
     * What a unit whose reply was cut at the exchange's deadline while it still came is told: it answered, so the unit
     * id and the line's settings are right, and what to check is what sends its reply slowly.
     *
     * @param who            {@code unit 1 on rtu:/dev/ttyUSB0@9600/none}, or {@code unit 1}
     * @param longerTimeout  the timeout's setting, which a longer value of reads a reply that only comes slowly:
     *                       {@code --timeout-ms}, or {@code timing.timeoutMs of bus 'room'}
     */
    static String replyCut(String who, String longerTimeout) {
        return who + " answered, but its reply did not come whole in the timeout (it came a byte at a time, or stopped):"
                + " check the meter's or its converter's serial settings (a converter that passes each byte on as it comes)"
                + " and the baud rate to the meter; a longer " + longerTimeout + " reads a reply that only comes slowly";
    }

    /**
     * @param line     the line, as the table's heading names it
     * @param failures the requests that failed, in order
     * @param requests how many requests the map's plan has
     */
    static Optional<String> of(BusEndpoint line, int unit, String map, List<FieldReadException> failures, int requests) {
        if (failures.isEmpty()) {
            return Optional.empty();
        }
        String where = line.toString();
        List<FailureKind> kinds = failures.stream().map(FieldReadException::kind).distinct().toList();
        boolean all = failures.size() == requests;
        if (kinds.contains(FailureKind.CONNECTION)) {
            FieldReadException e = failures.stream().filter(f -> f.kind() == FailureKind.CONNECTION).findFirst().orElseThrow();
            // the cause alone: until 2026-12-07 "(connection: Connection refused)", the word twice
            String cause = cause(e);
            return Optional.of("cannot reach " + where + " (" + cause + "); " + (line instanceof BusEndpoint.Serial
                    ? "check --port (the adapter plugged in, and not in use by another program such as the gateway service: stop it)"
                    : "check --host and --tcp-port, and that the meter or its Modbus gateway is on"));
        }
        if (failures.stream().anyMatch(FieldReadException::cutWhileReplying)) {
            // A reply that kept coming past the deadline: the unit is there and the line's settings right, which the
            // rest of it read as the next requests' answers, garbled, made look a wrong baud rate until 2026-12-07 (the
            // next request now waits for it to end: ModbusConnection)
            return Optional.of(replyCut("unit " + unit + " on " + where, "--timeout-ms"));
        }
        Optional<FieldReadException> ofAnotherUnit = failures.stream().filter(f -> f.anotherUnit().isPresent()).findFirst();
        if (ofAnotherUnit.isPresent()) {
            // A Modbus reply, whole, of another unit (over TCP an exception frame, which the wire's ask does not say):
            // the line speaks Modbus at its settings, which until the follow-up of 2026-12-07 the branches below denied
            // over TCP, and over RTU until rtu62 (a wrong baud rate or parity)
            int replied = ofAnotherUnit.get().anotherUnit().getAsInt();
            return Optional.of("unit " + unit + " on " + where + ": " + ofAnotherUnit(line, unit, replied, "give --unit "
                    + replied + " if unit " + replied + " is the meter"));
        }
        if (kinds.contains(FailureKind.GARBLED) && line instanceof BusEndpoint.Tcp tcp) {
            return Optional.of(notModbusTcp(tcp, failures.stream().filter(f -> f.kind() == FailureKind.GARBLED).findFirst().orElseThrow()));
        }
        if (kinds.contains(FailureKind.GARBLED)) {
            return Optional.of("unit " + unit + " on " + where + " answered with garbled frames: a wrong baud rate or parity, "
                    + "or two devices with unit id " + unit + " on this line; orderly modbus scan tries the settings");
        }
        int busyBefore = failures.stream().mapToInt(AnsweredBusyBefore::times).sum();
        if (all && kinds.equals(List.of(FailureKind.TIMEOUT)) && busyBefore > 0) {
            // It answered, busy: the unit id and the line are right, which "did not answer; check the unit id" would
            // deny
            return Optional.of("unit " + unit + " on " + where + " timed out, having answered busy (exception 06, server device "
                    + "busy) " + Count.times(busyBefore) + " before: it is there, busy with something else (another master on its "
                    + "line, or its own menu), then silent; read it again in a while, and if it stays silent check the line "
                    + "(--timeout-ms, the wiring)");
        }
        if (all && kinds.equals(List.of(FailureKind.TIMEOUT))) {
            boolean gatewaySaid = failures.stream().allMatch(FailureClassifier::gatewaySaidNoReply);
            return Optional.of("unit " + unit + " on " + where + " did not answer (" + (gatewaySaid
                    ? "its Modbus gateway reported no reply from it" : "timeout") + "); check the unit id (orderly modbus "
                    + "scan lists the units that answer), then the line settings and the wiring");
        }
        if (all && kinds.equals(List.of(FailureKind.BUSY))) {
            BusyRetry busy = BusyRetry.DEFAULT;
            return Optional.of(String.format(Locale.ROOT, "unit %d on %s answered every request busy (exception 06, server "
                    + "device busy), each tried %d times over %.2f s: it is busy with something else (another master on its "
                    + "line, or its own menu); read it again in a while", unit, where, busy.tries(),
                    busy.waitsInAll().toMillis() / 1000.0));
        }
        if (all && kinds.equals(List.of(FailureKind.EXCEPTION_RESPONSE))) {
            return Optional.of("unit " + unit + " on " + where + " refused every request of map " + map + " (exception response): "
                    + "the map does not fit this meter; orderly modbus scan names the map that does");
        }
        return Optional.of(failures.size() + " of " + requests + " requests to unit " + unit + " on " + where + " failed ("
                + kinds.stream().map(k -> k.toString().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "))
                + "): the rows so marked were not read; an exception response means the meter lacks those registers (check "
                + "the map against its manual), a timeout a slow or disturbed line (--timeout-ms, the wiring)"
                + (kinds.contains(FailureKind.BUSY) ? ", busy a meter busy with something else (read it again in a while)" : ""));
    }
}
