package org.orderly.gateway.field.dlt645;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.orderly.gateway.core.time.Tick;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.gateway.field.modbus.Sleeper;

/** A wall clock, ticker and sleeper that tests move by hand: a sleep moves both by what was asked. */
final class HandTime extends Clock implements Ticker, Sleeper {
    private Instant now;
    private long elapsedNanos;

    HandTime(Instant start) {
        this.now = start;
    }

    synchronized void advance(Duration d) {
        now = now.plus(d);
        elapsedNanos += d.toNanos();
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
