package org.orderly.gateway.field.pile;

import java.util.Objects;
import org.orderly.gateway.field.modbus.WriteFunction;
import org.orderly.text.AsWritten;

/**
 * A writable holding register of a pile: {@code raw = round(value / scale)}, one unsigned 16-bit word.
 *
 * @param name     what it holds, for messages ({@code limit}, {@code watchdog}, {@code fallback})
 * @param address  protocol address, 0-based
 * @param function 06 or 16
 * @param scale    unit of one count: {@code 0.1} for a "0.1 A" register, {@code 1} for seconds
 * @param line     line of the map file, 0 when built in code
 */
public record PileRegister(String name, int address, WriteFunction function, double scale, int line) {

    public PileRegister {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(function, "function");
        if (address < 0 || address > 0xFFFF) {
            throw new IllegalArgumentException(name + ": address " + address + " out of 0..65535");
        }
        if (!Double.isFinite(scale) || scale <= 0) {
            throw new IllegalArgumentException(name + ": scale must be finite and > 0, was " + AsWritten.number(scale));
        }
    }

    /** The word to write for {@code value}; refused if it does not fit an unsigned 16-bit register. */
    public int raw(double value) {
        long raw = Math.round(value / scale);
        if (raw < 0 || raw > 0xFFFF) {
            throw new IllegalArgumentException(name + " register " + String.format("0x%04X", address) + ": " + AsWritten.number(value)
                    + " / scale " + AsWritten.number(scale) + " = " + raw + " does not fit 0..65535");
        }
        return (int) raw;
    }
}
