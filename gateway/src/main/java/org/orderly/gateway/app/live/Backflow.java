package org.orderly.gateway.app.live;

import java.util.Locale;

/**
 * A transformer meter's power (the total or a phase's) flowing back to the grid beyond what a residential compound
 * without generation can: the meter's reading is not to be trusted (see {@link BackflowWatch}).
 *
 * @param quantity which power: {@code power.total.kw}, {@code power.a.kw} ...
 * @param kw       what it read, below zero
 */
public record Backflow(String quantity, double kw) {

    /** What it is and what to check, in the words of {@code orderly selftest}'s plausibility check. */
    public String describe() {
        return String.format(Locale.ROOT, "%s = %.2f kW flows back to the grid: a CT the wrong way round, or a current"
                + " measured on another phase than its voltage (swapped phases); check that each CT points away from the"
                + " supply (P1 towards the transformer) and sits on its own phase's wire, then run selftest", quantity, kw);
    }
}
