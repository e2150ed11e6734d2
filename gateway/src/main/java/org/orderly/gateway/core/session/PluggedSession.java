package org.orderly.gateway.core.session;

import java.time.Instant;
import java.util.Objects;

/**
 * A vehicle plugged into a pile, as the gateway sees it now: when it arrived, what its resident
 * declared, the energy delivered so far ({@code deliveredKWh} NaN where its pile counts none: a Modbus pile map without
 * {@code energy.session.kwh}) and the power it drew in the last cycle ({@code lastDrawKw} NaN where its pile does not
 * say: a Modbus pile whose map reads no power).
 */
public record PluggedSession(String id, int pileIndex, Instant arrival, Declaration declared,
                             double deliveredKWh, double lastDrawKw) {
    public PluggedSession {
        Objects.requireNonNull(id, "session id");
        Objects.requireNonNull(arrival, "arrival of session " + id);
        Objects.requireNonNull(declared, "declaration of session " + id);
    }
}
