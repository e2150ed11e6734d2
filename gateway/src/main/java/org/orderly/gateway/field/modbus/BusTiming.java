package org.orderly.gateway.field.modbus;

import java.time.Duration;

/**
 * How a bus is paced.
 *
 * @param cycle          the period at which the transformer meter is read
 * @param interFrameGap  quiet time between the end of one exchange and the next request
 * @param timeout        how long to wait for a response
 * @param retries        further attempts after a failed one (exception responses are not retried)
 * @param backoff        wait before the first retry; doubled for each further one
 * @param maxBackoff     cap on the doubled wait
 */
public record BusTiming(Duration cycle, Duration interFrameGap, Duration timeout, int retries,
        Duration backoff, Duration maxBackoff) {

    public BusTiming {
        if (cycle.isNegative() || cycle.isZero() || interFrameGap.isNegative() || timeout.isNegative()
                || timeout.isZero() || retries < 0 || backoff.isNegative() || maxBackoff.compareTo(backoff) < 0) {
            throw new IllegalArgumentException("invalid bus timing " + this);
        }
    }

    /** Defaults for an RS-485 line at 9600 baud: 1 s cycle, 10 ms gap, 300 ms timeout, 2 retries. */
    public static BusTiming defaults() {
        return new BusTiming(Duration.ofSeconds(1), Duration.ofMillis(10), Duration.ofMillis(300), 2,
                Duration.ofMillis(20), Duration.ofMillis(200));
    }

    /** Wait before retry number {@code attempt} (1-based). */
    public Duration backoffBefore(int attempt) {
        Duration d = backoff.multipliedBy(1L << Math.min(attempt - 1, 16));
        return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
    }
}
