package org.orderly.gateway.app.config;

import java.util.Locale;
import org.orderly.gateway.field.modbus.BusEndpoint;

/**
 * The least {@code timing.gapMs} of a DL/T 645 bus on a serial port: two bytes' time on the wire at its baud rate, in
 * whole milliseconds rounded up (19 at 1200 baud 8E1, 10 at 2400). After a cut reply the line's client takes bytes
 * coming further apart than the gap for a reply dripping, and keeps the whole quiet after it instead of the gap; at
 * 1200 baud a byte takes 9.17 ms, and with a 10 ms gap a reply at line speed whose reads come a little late was taken
 * for one (docs/dlt645.md, "Polling and timing"). Two bytes' time is the drip rule's own floor on line speed
 * ({@code QuietWait.Quiet#slowerThanNanos}). A gap not given is raised to it; one given below it is refused. Not a
 * Modbus bus's (its RTU master keeps its own 3.5 characters between frames), nor over TCP (the baud is the converter's).
 */
final class DripGapFloor {
    private DripGapFloor() {
    }

    /** The least gap on {@code line}, in whole milliseconds. */
    static int leastMs(BusEndpoint.Serial line) {
        return BusEndpoint.Serial.wholeMillis(line.character().multipliedBy(2));
    }

    /**
     * The gap of the DL/T 645 serial bus {@code line}: {@code gap} read from {@code timing} (null: no section), raised to
     * {@link #leastMs} when not given; one given below it is a problem at its key, and null.
     */
    static Integer of(Section timing, BusEndpoint.Serial line, Integer gap, Problems problems) {
        int least = leastMs(line);
        if (gap == null || gap >= least) {
            return gap;
        }
        if (timing == null || !timing.has("gapMs")) {
            return least;
        }
        long bits = line.character().toNanos() * line.baud() / 1_000_000_000L;
        problems.at(timing.at("gapMs"), String.format(Locale.ROOT, "'gapMs' in %s is %d, less than two bytes' time on the"
                        + " DL/T 645 line at %d baud (%d bits a byte, %.1f ms each): at least %d there, or a reply at line speed"
                        + " is taken for one dripping and the whole timeout waited after it (docs/dlt645.md)",
                timing.path(), gap, line.baud(), bits, line.character().toNanos() / 1e6, least));
        return null;
    }
}
