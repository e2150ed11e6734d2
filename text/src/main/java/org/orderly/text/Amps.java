package org.orderly.text;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A current as the local page says it (app.js {@code ampsText}): to a tenth, a whole number without its {@code .0}
 * ({@code 10 A}, {@code 10.5 A}, not Java's {@code 10.0 A}), so that the gateway's events and warnings, the page's rows
 * and the orderly command's lines say one current alike. Rounded as the page's {@code toFixed(1)} rounds: the double's
 * exact value, half up.
 */
public final class Amps {
    private Amps() {
    }

    /** {@code 10 A}, {@code 10.5 A}; a current that is not a number as Java says it ({@code NaN A}). */
    public static String of(double amps) {
        return number(amps) + " A";
    }

    /** The figure alone, as {@link #of} says it: {@code 10}, {@code 10.5}. */
    public static String number(double amps) {
        if (!Double.isFinite(amps)) {
            return Double.toString(amps);
        }
        return new BigDecimal(amps).setScale(1, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}
