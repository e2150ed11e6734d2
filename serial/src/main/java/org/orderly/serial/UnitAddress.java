package org.orderly.serial;

/**
 * The addresses a Modbus unit that is read or written may have: 1 to 247 (Modbus over serial line 2.2, 2.2). 0 is the
 * broadcast address, which every unit takes and none answers, so a meter or pile asked at 0 is never read, nor its
 * write known to have come (a gateway behind which such a unit stands passes the same address on to its line); 248 to
 * 255 are reserved. One rule for every place that takes a unit's address (the configuration's meters and piles, the
 * poller's meters and the pile driver, the commissioning commands' {@code --unit}, the firmware-bridge's meter) and
 * for what a serial reply's first byte may be ({@link LastReply#unit}). Until 2026-12-07 (rtu62) each place wrote
 * the bounds itself, and the poller's meters and the pile driver took 0.
 */
public final class UnitAddress {
    /** The lowest address of a unit that answers: 0 is broadcast. */
    public static final int LOWEST = 1;
    /** The highest address a unit may have: 248 to 255 are reserved. */
    public static final int HIGHEST = 247;
    /** The range as the error lines say it. */
    public static final String RANGE = LOWEST + ".." + HIGHEST;

    private UnitAddress() {
    }

    /** Whether {@code address} is a unit's that may be asked and answer. */
    public static boolean isUnit(int address) {
        return address >= LOWEST && address <= HIGHEST;
    }
}
