package org.orderly.tools.commission;

import java.time.Duration;
import java.util.Objects;
import org.orderly.gateway.field.modbus.BusEndpoint;
import org.orderly.text.Count;

/**
 * The most a unit that does not answer costs {@code orderly modbus scan}, from what the code does for it: one request
 * (j2mod's own retries are off, and only a busy answer, which is an answer, is asked again), its answer awaited
 * {@code --timeout-ms}. On a serial line j2mod then waits, after writing the request, up to 1.7 times what it counts as
 * the request's time on the wire before it reads, and before the next request keeps a gap of 4 characters (at least 2
 * ms; 1.75 ms above 19200 baud) after an answer. Over TCP a timeout drops the connection (a late answer could be read
 * as the next one's), and the next unit's request makes it again, waiting up to {@code --timeout-ms} for it. Not
 * counted: the time the computer takes to get round to each step, which a busy machine adds.
 *
 * @param timeout   {@code --timeout-ms}, how long an answer is awaited
 * @param line      what a serial line adds to it: j2mod's wait after writing the request and its gap before the next;
 *                  zero over TCP
 * @param reconnect what TCP adds to it: the dropped connection made again; zero on a serial line
 */
record ScanEstimate(Duration timeout, Duration line, Duration reconnect) {
    /** A Modbus RTU read request: unit, function, start address, count, CRC. */
    static final int REQUEST_BYTES = 8;
    /** j2mod's wait after writing a frame, in times its time on the wire (ModbusSerialTransport.writeMessage, 3.3.0). */
    static final double WAIT_AFTER_WRITE = 1.7;
    /** j2mod's gap between frames, in characters, and at least 2 ms (ModbusSerialTransport.getInterFrameDelay, 3.3.0). */
    static final int GAP_CHARACTERS = 4;
    private static final Duration LEAST_GAP = Duration.ofMillis(2);
    /** j2mod's gap between frames above 19200 baud. */
    private static final Duration FAST_GAP = Duration.ofMillis(1).plusNanos(750_000);

    ScanEstimate {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(line, "line");
        Objects.requireNonNull(reconnect, "reconnect");
    }

    static ScanEstimate of(BusEndpoint endpoint, Duration timeout) {
        if (endpoint instanceof BusEndpoint.Serial serial) {
            Duration character = character(serial);
            Duration afterWrite = Duration.ofNanos((long) Math.ceil(WAIT_AFTER_WRITE * character.multipliedBy(REQUEST_BYTES).toNanos()));
            Duration gap = serial.baud() > 19200 ? FAST_GAP : max(character.multipliedBy(GAP_CHARACTERS), LEAST_GAP);
            return new ScanEstimate(timeout, afterWrite.plus(gap), Duration.ZERO);
        }
        return new ScanEstimate(timeout, Duration.ZERO, timeout);
    }

    /**
     * One character's time on the wire: a start bit, the data bits, a parity bit unless none, the stop bits. j2mod
     * counts no start bit, so this is longer than its own count, and its wait no longer than 1.7 times this.
     */
    static Duration character(BusEndpoint.Serial serial) {
        return serial.character();
    }

    /** The most one unit that does not answer costs. */
    Duration perUnit() {
        return timeout.plus(line).plus(reconnect);
    }

    /** The most {@code units} that do not answer cost. */
    Duration forUnits(int units) {
        return perUnit().multipliedBy(units);
    }

    /**
     * What the heading before a setting says of the units that do not answer: {@code a unit that does not answer costs
     * up to ...: up to N s}, for {@code units} of them.
     */
    String said(int units) {
        long perUnitMs = ceilMillis(perUnit());
        return "a unit that does not answer costs up to " + perUnitMs + " ms (" + why("--timeout-ms", timeout) + "): up to "
                + (ceilMillis(forUnits(units)) + 999) / 1000 + " s";
    }

    /** What a request awaited {@code awaited} ({@code option}) costs beside that wait, on this line. */
    private String why(String option, Duration awaited) {
        String given = option + " " + awaited.toMillis();
        return line.isZero() && reconnect.isZero() ? given
                : line.isZero() ? given + " for its answer, and as long again to connect anew: a timeout drops the connection"
                : given + ", and " + ceilMillis(line) + " ms for the request on the line and the gap after it";
    }

    /**
     * What {@link #said} does not count, said after it: a unit that answers is then asked its model probes, each
     * awaited up to {@code answered} (--answered-timeout-ms), and on the line and, over TCP, in a connection made anew
     * as an absent unit's request is. Which units will answer is not known before the scan, so this is said per unit:
     * {@code each unit that answers adds up to 12 model probes of up to 1019 ms (--answered-timeout-ms 1000, and 19 ms
     * for the request on the line and the gap after it): up to 13 s}. Until 2026-12-06 the parenthesis named the option
     * alone, so over TCP a probe's {@code up to 2000 ms (--answered-timeout-ms 1000)} read as a sum gone wrong.
     */
    String saidOfAnswering(int probes, Duration answered) {
        Duration perProbe = answered.plus(line).plus(reconnect.isZero() ? Duration.ZERO : answered);
        return "each unit that answers adds up to " + Count.of(probes, "model probe") + " of up to " + ceilMillis(perProbe)
                + " ms (" + why("--answered-timeout-ms", answered) + "): up to "
                + (ceilMillis(perProbe.multipliedBy(probes)) + 999) / 1000 + " s";
    }

    private static long ceilMillis(Duration d) {
        return (d.toNanos() + 999_999) / 1_000_000;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
