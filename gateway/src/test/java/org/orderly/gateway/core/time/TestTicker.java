package org.orderly.gateway.core.time;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Elapsed time a test moves by hand: it stands still until told, so that a reading's age or a hold is what the test
 * says it is. Safe to read from another thread than the one that moves it.
 */
public final class TestTicker implements Ticker {
    private final AtomicLong nanos;

    /** At nanosecond 0. */
    public TestTicker() {
        this(0);
    }

    /** At {@code nanos}: an origin away from 0, as {@link System#nanoTime()}'s is. */
    public TestTicker(long nanos) {
        this.nanos = new AtomicLong(nanos);
    }

    public void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    /** To {@code sinceZero} after nanosecond 0. */
    public void set(Duration sinceZero) {
        nanos.set(sinceZero.toNanos());
    }

    public void setNanos(long nanos) {
        this.nanos.set(nanos);
    }

    @Override
    public Tick now() {
        return new Tick(nanos.get());
    }
}
