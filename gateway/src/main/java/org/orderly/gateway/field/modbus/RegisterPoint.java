package org.orderly.gateway.field.modbus;

import java.util.Objects;

/**
 * One quantity of a register map: where it lives and how to turn its words into a value in the
 * unit its name ends with ({@code power.total.kw} is in kW). {@code value = raw * scale}.
 *
 * @param line   the line of the map file its quantity is named on, for messages; 0 when built in code
 * @param column the column of its quantity's name on that line (1-based); 0 when built in code
 */
public record RegisterPoint(String quantity, int address, FunctionCode function, DataType type, WordOrder order,
                            double scale, int line, int column) {

    public RegisterPoint {
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(order, "order");
        if (address < 0 || address + type.words() - 1 > 0xFFFF) {
            throw new IllegalArgumentException(quantity + ": address " + address + " out of 0..65535");
        }
        if (!Double.isFinite(scale) || scale == 0) {
            throw new IllegalArgumentException(quantity + ": scale must be finite and non-zero, was " + scale);
        }
    }

    /** A point not read from a map file, or where only the line matters. */
    public RegisterPoint(String quantity, int address, FunctionCode function, DataType type, WordOrder order, double scale,
                         int line) {
        this(quantity, address, function, type, order, scale, line, 0);
    }

    /** First register after this point. */
    public int end() {
        return address + type.words();
    }
}
