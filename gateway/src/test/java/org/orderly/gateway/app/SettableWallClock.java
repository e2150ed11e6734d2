package org.orderly.gateway.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The system clock, UTC, that a test can set as NTP or {@code timedatectl set-time} would: it goes on from there at
 * the real rate. Read from any thread.
 */
final class SettableWallClock extends Clock {
    private volatile Duration offset = Duration.ZERO;

    /** From now on the clock says {@code t}, and goes on from there. */
    void set(Instant t) {
        offset = Duration.between(Instant.now(), t);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the gateway's wall clock is UTC");
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }
}
