package org.orderly.gateway.core.time;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/**
 * A clock that stands still until told to move: the simulation's clock, and the tests'. Not for
 * concurrent use; the live gateway runs on the system clock.
 */
public final class VirtualClock extends Clock {
    private final ZoneId zone;
    private volatile Instant now;

    public VirtualClock(Instant start, ZoneId zone) {
        this.now = start;
        this.zone = zone;
    }

    public void set(Instant t) {
        now = t;
    }

    public void advanceSeconds(long seconds) {
        now = now.plusSeconds(seconds);
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId z) {
        return new VirtualClock(now, z);
    }

    @Override
    public Instant instant() {
        return now;
    }
}
