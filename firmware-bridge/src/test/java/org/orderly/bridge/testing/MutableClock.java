package org.orderly.bridge.testing;

import java.time.Clock;
import org.orderly.bridge.lease.ElapsedTime;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock tests move by hand, and the time passed ({@link ElapsedTime}) that a lease lapses by. {@link #advance} is
 * time passing; {@link #step} is the wall clock set (NTP, an installer), which moves its reading but not the time
 * passed.
 */
public final class MutableClock extends Clock implements ElapsedTime {

    private volatile Instant now;
    private volatile long elapsedNanos;

    public MutableClock(Instant start) {
        this.now = start;
    }

    public static MutableClock at(String isoInstant) {
        return new MutableClock(Instant.parse(isoInstant));
    }

    public void advance(Duration by) {
        now = now.plus(by);
        elapsedNanos += by.toNanos();
    }

    /** Sets the wall clock by {@code by}; no time passes. */
    public void step(Duration by) {
        now = now.plus(by);
    }

    /** Nanoseconds passed since the clock was made, as {@link System#nanoTime} counts them. */
    @Override
    public long nanos() {
        return elapsedNanos;
    }

    @Override public ZoneId getZone() { return ZoneOffset.UTC; }
    @Override public Clock withZone(ZoneId zone) { return this; }
    @Override public Instant instant() { return now; }
}
