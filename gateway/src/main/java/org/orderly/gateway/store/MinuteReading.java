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
}
