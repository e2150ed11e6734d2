package org.orderly.gateway.upstream.outbox;

import java.time.Duration;

/**
 * How much the outbox keeps while the broker cannot be reached: messages older than {@code maxAge} and the oldest
 * beyond {@code maxMessages} are trimmed (and an {@code outbox.trimmed} event says so). {@code queueCapacity} bounds
 * the hand-over queue in front of the writer thread.
 */
public record OutboxLimits(Duration maxAge, int maxMessages, int queueCapacity) {
    /** Seven days, 200 000 messages (a week of telemetry every 5 s is 121 000), 10 000 queued. */
    public static final OutboxLimits DEFAULT = new OutboxLimits(Duration.ofDays(7), 200_000, 10_000);

    public OutboxLimits {
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("outbox maxAge must be positive, got " + maxAge);
        }
        if (maxMessages < 1) {
            throw new IllegalArgumentException("outbox maxMessages must be >= 1, got " + maxMessages);
        }
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("outbox queueCapacity must be >= 1, got " + queueCapacity);
        }
    }
}
