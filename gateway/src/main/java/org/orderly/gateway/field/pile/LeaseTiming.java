package org.orderly.gateway.field.pile;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a limit sent to a pile holds ({@code ttl}, whole seconds, 1..3600 as the bridge accepts)
 * and so how often the driver refreshes it: every ttl/3, so two refreshes may be lost before the pile
 * falls back to its safe current.
 */
public record LeaseTiming(Duration ttl) {

    public static final int MAX_TTL_SECONDS = 3600;

    public LeaseTiming {
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.toNanos() % 1_000_000_000L != 0 || ttl.toSeconds() < 1 || ttl.toSeconds() > MAX_TTL_SECONDS) {
            throw new IllegalArgumentException("lease ttl must be whole seconds within 1.." + MAX_TTL_SECONDS + ", was " + ttl);
        }
    }

    public static LeaseTiming ofSeconds(int seconds) {
        return new LeaseTiming(Duration.ofSeconds(seconds));
    }

    /** The 10 s default: refreshed every 3.3 s. */
    public static LeaseTiming defaults() {
        return ofSeconds(10);
    }

    public int ttlSeconds() {
        return (int) ttl.toSeconds();
    }

    public Duration refreshEvery() {
        return ttl.dividedBy(3);
    }
}
