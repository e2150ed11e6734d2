package org.orderly.gateway.core.time;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How far the wall clock was stepped when it was set: what it said while it was not set, plus {@code by}, is the real
 * time. Measured on the monotonic ticker (the wall clock's move less the time elapsed meanwhile), so it holds for every
 * time stamped while it was not set, provided the clock moved once (a clock stepped twice while still below the floor
 * is corrected by the last step only).
 *
 * @param from the earliest the wall clock said while it was not set (from the first look at it), to the whole second
 *             below (the store keeps sessions' times in seconds)
 * @param to   the latest it can have said: what it would say at the moment it was found set, had it not been
 * @param by   the step
 */
public record ClockStep(Instant from, Instant to, Duration by) {
    /**
     * How long before the first look at the clock a time it gave may lie: a session's arrival is the time of a pile's
     * report less how long its car has been plugged in, which may be before the gateway started.
     */
    public static final Duration LOOKBACK = Duration.ofDays(7);

    public ClockStep {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(by, "by");
    }

    /** Whether {@code t} lies where the clock stood while it was not set ({@code from} to {@code to}). */
    public boolean covers(Instant t) {
        return !t.isBefore(from) && !t.isAfter(to);
    }

    /**
     * {@code t} corrected when the clock can have given it while it was not set (from {@link #LOOKBACK} before
     * {@code from} to {@code to}), else unchanged: a time recorded later, or earlier (before a clock that started at 1970
     * was first seen), is kept as it was.
     */
    public Instant correct(Instant t) {
        if (t == null || t.isBefore(from.minus(LOOKBACK)) || t.isAfter(to)) {
            return t;
        }
        return t.plus(by);
    }
}
