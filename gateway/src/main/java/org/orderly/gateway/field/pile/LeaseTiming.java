package org.orderly.gateway.field.pile;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a limit sent to a pile holds ({@code ttl}, whole seconds, 1..3600 as the bridge accepts)
 * and so how often the driver refreshes it: every ttl/3, sooner when a slow exchange needs it
 * ({@link #refreshEvery(Duration)}).
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

    /** The least time between two renewals: the sender renews more often than 10 times a second for no lease. */
    public static final Duration LEAST_REFRESH = Duration.ofMillis(100);

    /** The refresh period when an exchange takes no time: ttl/3, the longest there is. */
    public Duration refreshEvery() {
        return ttl.dividedBy(3);
    }

    /**
     * How often the lease is renewed when one sending of it may take up to {@code exchange} (the driver's request
     * timeout): every ttl/3, or sooner when a renewal could otherwise reach the pile after the lease lapsed. A renewal
     * starts one period after the sending before it ended (the keeper's fixed delay); that sending reached the pile at
     * most {@code exchange} before it ended, and the renewal reaches it at most {@code exchange} after it starts: so
     * period + 2 x exchange must not exceed the ttl. A 5 s lease with 2 s exchanges is renewed every 1 s; from 6 s on,
     * every ttl/3. Giving each exchange less time instead would count a slow answer, which the pile took, as lost.
     *
     * @throws IllegalArgumentException when that leaves less than {@link #LEAST_REFRESH}: the lease is too short for
     *                                  two such exchanges
     */
    public Duration refreshEvery(Duration exchange) {
        Duration fits = ttl.minus(exchange.multipliedBy(2));
        Duration period = fits.compareTo(refreshEvery()) < 0 ? fits : refreshEvery();
        if (period.compareTo(LEAST_REFRESH) < 0) {
            throw new IllegalArgumentException("a lease of " + ttlSeconds() + " s is too short for exchanges of up to "
                    + exchange.toMillis() + " ms: its refresh period, ttl - 2 x that, would be " + fits.toMillis()
                    + " ms, less than " + LEAST_REFRESH.toMillis() + " ms");
        }
        return period;
    }

    /** The longest an exchange may take for this lease to be renewed in time ({@link #refreshEvery(Duration)}). */
    public Duration longestExchange() {
        return ttl.minus(LEAST_REFRESH).dividedBy(2);
    }
}
