package org.orderly.gateway.app.live;

import java.time.Duration;
import org.orderly.gateway.core.time.Tick;
import org.orderly.gateway.core.time.Ticker;

/** A ticker a test sets in whole seconds (from an origin of its choosing): the time its readings are read at. */
final class SecondsTicker implements Ticker {
    private long seconds;

    void set(long seconds) {
        this.seconds = seconds;
    }

    @Override
    public Tick now() {
        return new Tick(Duration.ofSeconds(seconds).toNanos());
    }
}
