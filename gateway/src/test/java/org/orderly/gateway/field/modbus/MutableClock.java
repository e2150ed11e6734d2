package org.orderly.gateway.field.modbus;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.orderly.gateway.core.time.Tick;
import org.orderly.gateway.core.time.Ticker;

/**
 * A clock tests move by hand; also a {@link Sleeper} that sleeps by moving it, and the {@link Ticker} of the time
 * that passes, which a {@link #step} of the wall clock leaves alone.
 */
public final class MutableClock extends Clock implements Sleeper, Ticker {

    private Instant now;
    private long elapsedNanos;

    public MutableClock(Instant start) {
        this.now = start;
    }

    public synchronized void advance(Duration d) {
        now = now.plus(d);
        elapsedNanos += d.toNanos();
    }

    /** NTP steps the wall clock: it jumps by {@code d}, and no time passes. */
    public synchronized void step(Duration d) {
        now = now.plus(d);
    }

    @Override
    public synchronized Instant instant() {
        return now;
    }

    @Override
    public synchronized Tick now() {
        return new Tick(elapsedNanos);
    }

    @Override
    public void sleep(Duration d) {
        advance(d);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException();
    }
}
