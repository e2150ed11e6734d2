package org.orderly.gateway.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One meter value as polled: meter id, quantity name (power.total.kw, ...), when, and the value, which stands for its
 * series from {@code at} until the series' next sample, for at most {@code holds}: how long the gateway itself goes on
 * from such a value (a pile's report until the pile is offline, a meter reading until it is stale). The minute's mean
 * is over the time its samples stand for ({@link MinuteDownsampler}).
 */
public record Sample(String meter, String quantity, Instant at, double value, Duration holds) {
    /** How long a sample recorded without a bound of its own stands for at most (tests and tools; the gateway says). */
    public static final Duration HOLDS_UNLESS_SAID = Duration.ofMinutes(1);

    public Sample {
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(holds, "holds");
        if (holds.isNegative()) {
            throw new IllegalArgumentException("sample " + meter + "/" + quantity + " at " + at
                    + ": it cannot hold for a negative time, got " + holds);
        }
    }

    /** A sample that holds until the next one of its series, for at most {@link #HOLDS_UNLESS_SAID}. */
    public Sample(String meter, String quantity, Instant at, double value) {
        this(meter, quantity, at, value, HOLDS_UNLESS_SAID);
    }
}
