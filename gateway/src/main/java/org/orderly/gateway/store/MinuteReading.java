package org.orderly.gateway.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What is kept of one meter quantity for one minute: its minimum, mean and maximum over {@code samples} values, and
 * how much of the minute the mean stands for ({@code covered}, {@link MinuteDownsampler}): the weight of the mean when
 * the minute is written a second time and merged ({@link ReadingsTable#upsert}). {@code covered} is null for a row
 * written before migration 11, which did not keep it.
 */
public record MinuteReading(String meter, String quantity, Instant minute, double min, double mean, double max,
                            int samples, Duration covered) {
    private static final Duration MINUTE = Duration.ofMinutes(1);

    public MinuteReading {
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(minute, "minute");
        if (samples < 1 || !(min <= mean && mean <= max)) {
            throw new IllegalArgumentException("minute reading " + meter + "/" + quantity + " at " + minute
                    + ": need samples >= 1 and min <= mean <= max, got " + samples + ", " + min + ", " + mean + ", " + max);
        }
        if (covered != null && (covered.isNegative() || covered.compareTo(MINUTE) > 0)) {
            throw new IllegalArgumentException("minute reading " + meter + "/" + quantity + " at " + minute
                    + ": it can cover 0 to 60 s of its minute, got " + covered);
        }
    }

    /**
     * A minute as read from the store, its mean brought within its minimum and maximum: a mean merged by a gateway
     * before 2026-12-03 may lie a rounding outside them (a constant 0.1 kW merged across a restart read
     * 0.10000000000000002).
     */
    static MinuteReading stored(String meter, String quantity, Instant minute, double min, double mean, double max,
                                int samples, Duration covered) {
        return new MinuteReading(meter, quantity, minute, min, Math.max(min, Math.min(max, mean)), max, samples,
                covered);
    }
}
