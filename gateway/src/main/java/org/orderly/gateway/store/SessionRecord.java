package org.orderly.gateway.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A charging session as stored: {@code departure} null while plugged, {@code declaredDeparture} null and
 * {@code declaredKWh} NaN when the resident gave none, {@code full} when the vehicle stopped drawing on its own.
 */
public record SessionRecord(String id, String pile, Instant arrival, Instant departure, Instant declaredDeparture,
                            double declaredKWh, double deliveredKWh, boolean full) {
    public SessionRecord {
        Objects.requireNonNull(id, "session id");
        Objects.requireNonNull(pile, "pile of session " + id);
        Objects.requireNonNull(arrival, "arrival of session " + id);
    }
}
