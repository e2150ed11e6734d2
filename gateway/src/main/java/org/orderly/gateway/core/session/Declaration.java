package org.orderly.gateway.core.session;

import java.time.Instant;

/**
 * What a resident entered at plug-in: a departure time (null when not given) and an energy in kWh
 * (NaN when not given). It is the resident's intent, not the truth: the estimators learn how far
 * residents' declarations stray from what happens.
 */
public record Declaration(Instant departure, double energyKWh) {
    public static final Declaration NONE = new Declaration(null, Double.NaN);

    public boolean hasDeparture() {
        return departure != null;
    }

    public boolean hasEnergy() {
        return !Double.isNaN(energyKWh);
    }
}
