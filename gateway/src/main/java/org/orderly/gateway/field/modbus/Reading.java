package org.orderly.gateway.field.modbus;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import org.orderly.gateway.core.time.Tick;

/**
 * What one poll of one meter returned: quantity name to value (in the unit the name ends with),
 * stamped when the poll's first request was sent, so that the reading is as old as its oldest value. Not when its
 * last answer came: a DL/T 645 meter's four frames take seconds, and the control, matching the piles' reports against
 * a transformer reading, must not take a car that began drawing after the total was asked for as one the total holds.
 * A poll in which some requests failed yields only the quantities that were read; the failures are reported separately.
 *
 * @param readAt the time then on the clock the gateway stamps with (the world's: the wall clock, a sped-up demo's
 *               own), for display and records
 * @param tick   the ticker's then, by which readings are ordered, aged (staleness) and matched with the piles'
 *               reports (the wall clock may be stepped)
 */
public record Reading(String meterId, Map<String, Double> values, Instant readAt, Tick tick) {

    public Reading {
        Objects.requireNonNull(meterId, "meterId");
        Objects.requireNonNull(readAt, "readAt");
        Objects.requireNonNull(tick, "tick");
        values = Map.copyOf(values);
    }

    public OptionalDouble value(String quantity) {
        Double v = values.get(quantity);
        return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
    }

    /** True when this reading is older than {@code maxAge} at {@code now}. */
    public boolean isStale(Tick now, Duration maxAge) {
        return age(now).compareTo(maxAge) > 0;
    }

    public Duration age(Tick now) {
        return now.since(tick);
    }
}
