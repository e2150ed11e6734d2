package org.orderly.gateway.field.modbus;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * What one poll of one meter returned: quantity name to value (in the unit the name ends with),
 * stamped with the instant the last of its registers was read. A poll in which some requests failed
 * yields only the quantities that were read; the failures are reported separately.
 */
public record Reading(String meterId, Map<String, Double> values, Instant readAt) {

    public Reading {
        Objects.requireNonNull(meterId, "meterId");
        Objects.requireNonNull(readAt, "readAt");
        values = Map.copyOf(values);
    }

    public OptionalDouble value(String quantity) {
        Double v = values.get(quantity);
        return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
    }

    /** True when this reading is older than {@code maxAge} at {@code now}. */
    public boolean isStale(Instant now, Duration maxAge) {
        return readAt.plus(maxAge).isBefore(now);
    }

    public Duration age(Instant now) {
        return Duration.between(readAt, now);
    }
}
