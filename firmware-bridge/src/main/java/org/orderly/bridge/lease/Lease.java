package org.orderly.bridge.lease;

import java.time.Instant;
import java.util.Objects;

/** A current granted until {@code expiry} (wall-clock time, as reported; it lapses by the time passed). */
public record Lease(double amps, Instant expiry) {

    public Lease {
        Objects.requireNonNull(expiry, "expiry");
        if (!(amps >= 0.0) || Double.isInfinite(amps)) {
            throw new IllegalArgumentException("lease current must be >= 0 A, got " + org.orderly.text.AsWritten.number(amps));
        }
    }
}
