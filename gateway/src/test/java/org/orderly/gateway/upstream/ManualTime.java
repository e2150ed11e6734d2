package org.orderly.gateway.upstream;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.orderly.gateway.core.time.Tick;
import org.orderly.gateway.core.time.Ticker;

/**
 * A wall clock and a monotonic ticker that move only when the test says: {@link #advance} moves both, as time passing
 * does; {@link #set} moves the wall clock alone, as NTP setting it does. Read from any thread.
 */
final class ManualTime extends Clock implements Ticker {
    private record Now(Instant wall, long nanos) {
    }

    private final AtomicReference<Now> now;

    ManualTime(Instant wall) {
        now = new AtomicReference<>(new Now(wall, 0));
    }

    void advance(Duration d) {
        now.updateAndGet(n -> new Now(n.wall().plus(d), n.nanos() + d.toNanos()));
    }

    void set(Instant wall) {
        now.updateAndGet(n -> new Now(wall, n.nanos()));
    }

    @Override
    public Tick now() {
        return new Tick(now.get().nanos());
    }

    @Override
    public Instant instant() {
        return now.get().wall();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("UTC only");
    }
}
