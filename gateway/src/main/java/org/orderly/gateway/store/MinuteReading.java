package org.orderly.gateway.store;

import java.time.Instant;
import java.util.Objects;

/** What is kept of one meter quantity for one minute: its minimum, mean and maximum over {@code samples} values. */
public record MinuteReading(String meter, String quantity, Instant minute, double min, double mean, double max, int samples) {
    public MinuteReading {
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(minute, "minute");
        if (samples < 1 || !(min <= mean && mean <= max)) {
            throw new IllegalArgumentException("minute reading " + meter + "/" + quantity + " at " + minute
                    + ": need samples >= 1 and min <= mean <= max, got " + samples + ", " + min + ", " + mean + ", " + max);
        }
    }

    /**
     * A minute as read from the store, its mean brought within its minimum and maximum: a mean merged by a gateway
     * before 2026-12-03 may lie a rounding outside them (a constant 0.1 kW merged across a restart read 0.10000000000000002).
     */
    static MinuteReading stored(String meter, String quantity, Instant minute, double min, double mean, double max,
                                int samples) {
        return new MinuteReading(meter, quantity, minute, min, Math.max(min, Math.min(max, mean)), max, samples);
    }
}
