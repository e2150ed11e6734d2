package org.orderly.gateway.app.live;

import java.time.Instant;
import java.util.Objects;
import org.orderly.gateway.core.session.Declaration;

/**
 * A session the store held as still plugged in when the gateway started: the car may still be there, or may have left
 * while the gateway was down. {@code pileEnergyKWh} is the pile's session energy count {@code deliveredKWh} was counted
 * by ({@link org.orderly.gateway.core.session.PluggedSession#countKWh}) and {@code lastSeen} the time
 * when the gateway last saw it plugged in, {@code deliveredKWh} what had been delivered by then; both NaN for a pile
 * that counts no energy (a Modbus pile map without {@code energy.session.kwh}): what its car took is not known.
 */
public record CarriedSession(String id, int pileIndex, Instant arrival, Declaration declared, double deliveredKWh,
                             double pileEnergyKWh, Instant lastSeen) {
    public CarriedSession {
        Objects.requireNonNull(id, "session id");
        Objects.requireNonNull(arrival, "arrival of session " + id);
        Objects.requireNonNull(declared, "declaration of session " + id);
        Objects.requireNonNull(lastSeen, "last sighting of session " + id);
        if (Double.isInfinite(pileEnergyKWh)) {
            throw new IllegalArgumentException("session " + id + ": the pile's counter when last seen must be a count or"
                    + " unknown (NaN), was " + pileEnergyKWh);
        }
    }
}
