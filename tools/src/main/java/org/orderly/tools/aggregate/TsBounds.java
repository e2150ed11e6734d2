package org.orderly.tools.aggregate;

import java.time.Duration;
import java.time.Instant;

/**
 * How far a message's {@code ts} may lie from the time this machine received it. Ahead by more than
 * {@code maxFuture} (the gateways' clock skew) or, for telemetry, behind by more than {@code maxAge} (the longest a
 * gateway's outbox keeps a message, plus a margin) the ts is not a time the gateway could have sent it at: its clock
 * was wrong, as at 1970 after a power cut on a box without a battery-backed clock (docs/operations.md, "The clock").
 */
public record TsBounds(Duration maxFuture, Duration maxAge) {
    /** The gateway's {@code outbox.maxAgeHours} default (168, docs/upstream.md "Bounds") and a day's margin. */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofHours(168 + 24);

    public TsBounds {
        if (maxFuture.isNegative() || maxAge.isNegative()) {
            throw new IllegalArgumentException("maxFuture " + maxFuture + " and maxAge " + maxAge
                    + " must not be negative");
        }
    }

    /** Why the message's ts is implausible at {@code receivedAt}, or null if it is plausible. */
    public String implausible(Envelope e, Instant receivedAt) {
        return null;
    }
}
