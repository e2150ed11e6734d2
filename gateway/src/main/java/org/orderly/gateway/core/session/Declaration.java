package org.orderly.gateway.core.session;

import java.time.Instant;
import org.orderly.gateway.core.time.ClockStep;

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

    /** With its departure moved by the step that set the clock, if the unset clock can have given it. */
    public Declaration restamped(ClockStep step) {
        return new Declaration(step.correct(departure), energyKWh);
    }
}
