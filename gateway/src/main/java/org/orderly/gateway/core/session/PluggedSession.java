package org.orderly.gateway.core.session;

import java.time.Instant;
import java.util.Objects;

/**
 * A vehicle plugged into a pile, as the gateway sees it now: when it arrived, what its resident
 * declared, the energy delivered so far ({@code deliveredKWh} NaN where its pile counts none: a Modbus pile map without
 * {@code energy.session.kwh}) and the power it drew in the last cycle ({@code lastDrawKw} NaN where its pile does not
 * say: a Modbus pile whose map reads no power). {@code countKWh} is the pile's count {@code deliveredKWh} is counted by,
 * as the session was counted: a count below the last that was no count begun again (a torn read, a status come late)
 * is not it, the count before is (docs/architecture.md, "A pile's count that goes back"); NaN where no pile's count
 * gives the energy (its pile counts none, a simulated session). The session's row stores it beside the delivered
 * energy, so that the two match across a restart and at the session's end.
 */
public record PluggedSession(String id, int pileIndex, Instant arrival, Declaration declared,
                             double deliveredKWh, double lastDrawKw, double countKWh) {
    public PluggedSession {
        Objects.requireNonNull(id, "session id");
        Objects.requireNonNull(arrival, "arrival of session " + id);
        Objects.requireNonNull(declared, "declaration of session " + id);
    }

    /** A session whose energy no pile's count gives ({@code countKWh} NaN): the simulator's, the policy's alone. */
    public PluggedSession(String id, int pileIndex, Instant arrival, Declaration declared, double deliveredKWh,
                          double lastDrawKw) {
        this(id, pileIndex, arrival, declared, deliveredKWh, lastDrawKw, Double.NaN);
    }
}
