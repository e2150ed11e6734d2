package org.orderly.gateway.core.time;

import java.time.Duration;

/**
 * A point in elapsed time, from a {@link Ticker}. Only the distance between two ticks of the same ticker means
 * anything ({@code System.nanoTime}'s origin is arbitrary); they are compared by their difference, which stays
 * right where the nanosecond count wraps.
 */
public record Tick(long nanos) {

    public Tick plus(Duration d) {
        return new Tick(nanos + d.toNanos());
    }

    /** How long after {@code earlier} this is; negative if it is before. */
    public Duration since(Tick earlier) {
        return Duration.ofNanos(nanos - earlier.nanos);
    }

    public boolean isBefore(Tick other) {
        return nanos - other.nanos < 0;
    }
}
