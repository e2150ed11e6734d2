package org.orderly.gateway.core.model;

import java.time.Instant;
import java.util.Objects;

/** The grid company caps the compound's total load at {@code limitKw} during [{@code from}, {@code to}). */
public record GridCap(String id, Instant from, Instant to, double limitKw) {
    public GridCap {
        Objects.requireNonNull(id, "grid cap id");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("grid cap " + id + ": 'to' must be after 'from'");
        }
        if (!(limitKw >= 0)) {
            throw new IllegalArgumentException("grid cap " + id + ": limitKw must be >= 0");
        }
    }

    public boolean activeAt(Instant t) {
        return !t.isBefore(from) && t.isBefore(to);
    }

    /** True when the cap covers any part of [a, b). */
    public boolean overlaps(Instant a, Instant b) {
        return from.isBefore(b) && a.isBefore(to);
    }
}
