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
        if (e.ts().isAfter(receivedAt.plus(maxFuture))) {
            return "ts " + e.ts() + " lies more than " + maxFuture.toSeconds() + " s ahead of this machine's clock ("
                    + receivedAt + ")";
        }
        // Only telemetry: a session's ts is its departure, which a session closed as departed unseen after a long
        // downtime may put further back, and a state message's is when its pair was made, as old as the connection.
        Instant earliest = receivedAt.minus(maxAge);
        if (e.type().equals("telemetry") && e.ts().isBefore(earliest)) {
            return "ts " + e.ts() + " lies more than " + maxAge.toHours() + " h before this machine's clock ("
                    + receivedAt + "): earlier than " + earliest + ", older than a gateway's outbox keeps a message,"
                    + " so the gateway's clock was wrong";
        }
        return null;
    }
}
