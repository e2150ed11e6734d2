package org.orderly.gateway.field.pile;

import java.time.Duration;
import java.util.Objects;

/**
 * What a pile offers on its own while the gateway cannot reach it: {@code amps} once the last limit it took has lapsed
 * (NaN when the gateway does not know: a pile that keeps its last limit for ever, or falls back to a current of its
 * own), and {@code lease}, how long a limit it took may hold (zero for a pile whose limits never lapse: {@code amps} is
 * then NaN).
 */
public record Fallback(double amps, Duration lease) {
    /** Nothing known: the pile may offer up to its maximum. */
    public static final Fallback UNKNOWN = new Fallback(Double.NaN, Duration.ZERO);

    public Fallback {
        Objects.requireNonNull(lease, "lease");
        if (!(Double.isNaN(amps) || amps >= 0) || Double.isInfinite(amps) || lease.isNegative()) {
            throw new IllegalArgumentException("a fallback is >= 0 A (NaN: not known) after a lease of 0 s or more, was "
                    + amps + " A after " + lease);
        }
    }
}
