package org.orderly.gateway.store;

import java.time.Instant;
import java.util.Objects;

/** One meter value as polled: meter id, quantity name (power.total.kw, ...), when, and the value. */
public record Sample(String meter, String quantity, Instant at, double value) {
    public Sample {
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(at, "at");
    }
}
