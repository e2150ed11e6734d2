package org.orderly.text;

import java.math.BigDecimal;

/**
 * A number in a message as a person writes it in a configuration or a request: exactly, without Java's {@code .0} or
 * exponent ({@code 16}, {@code 0.001}, {@code 13.75}, not {@code 16.0} or {@code 1.0E-4}). For a figure given by
 * someone and said back to them, where {@link Amps}' tenth could hide why it was refused ({@code 5.99} is not
 * {@code 6}).
 */
public final class AsWritten {
    private AsWritten() {
    }

    /** {@code 16}, {@code 0.001}; a number that is not finite as Java says it ({@code NaN}, {@code Infinity}). */
    public static String number(double d) {
        if (!Double.isFinite(d)) {
            return Double.toString(d);
        }
        if (d == 0) {
            return "0"; // -0.0 too
        }
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
}
