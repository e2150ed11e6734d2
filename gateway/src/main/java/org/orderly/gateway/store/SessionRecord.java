package org.orderly.gateway.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A charging session as stored: {@code departure} null while plugged, {@code declaredDeparture} null and
 * {@code declaredKWh} NaN when the resident gave none, {@code full} when the vehicle stopped drawing on its own.
 *
 * <p>{@code lastSeen} is the last time the gateway saw the vehicle plugged in, and {@code pileEnergyKWh} the pile's own
 * session energy count then that {@code deliveredKWh} is counted by (a count below it judged no count begun again, a
 * torn read or a status come late, is not stored; until 2026-12-07 the pile's latest was): what a gateway that stopped
 * meanwhile tells the same car by when it comes back, and counts on from (both null/NaN in rows of gateways before
 * they were kept). {@code departureSeen} is false for a session whose car left
 * while the gateway was down: its {@code departure} is then not when it left but the last time it was known plugged
 * in, a lower bound.
 *
 * <p>{@code deliveredKWh} is NaN (stored as null) when what the car took is not known: its pile counts no energy (a
 * Modbus pile map without {@code energy.session.kwh}), and {@code pileEnergyKWh} is NaN beside it. Rows written before
 * migration 9 stored 0 for such a session.
 */
public record SessionRecord(String id, String pile, Instant arrival, Instant departure, Instant declaredDeparture,
                            double declaredKWh, double deliveredKWh, boolean full, boolean departureSeen,
                            Instant lastSeen, double pileEnergyKWh) {
    public SessionRecord {
        Objects.requireNonNull(id, "session id");
        Objects.requireNonNull(pile, "pile of session " + id);
        Objects.requireNonNull(arrival, "arrival of session " + id);
        if (!departureSeen && departure == null) {
            throw new IllegalArgumentException("session " + id + ": a departure not seen needs its bound as departure");
        }
    }

    /** A session whose departure, if any, was seen; nothing kept to recognise its car after a restart. */
    public SessionRecord(String id, String pile, Instant arrival, Instant departure, Instant declaredDeparture,
                         double declaredKWh, double deliveredKWh, boolean full) {
        this(id, pile, arrival, departure, declaredDeparture, declaredKWh, deliveredKWh, full, true, null, Double.NaN);
    }

    /**
     * This session, still open in the store, closed as having ended while the gateway was down: its departure is the
     * last time it was known plugged in ({@code lastSeen}, or its arrival when the row does not say).
     */
    public SessionRecord departedUnseen() {
        Instant bound = lastSeen == null || lastSeen.isBefore(arrival) ? arrival : lastSeen;
        return new SessionRecord(id, pile, arrival, bound, declaredDeparture, declaredKWh, deliveredKWh, full, false,
                lastSeen, pileEnergyKWh);
    }
}
