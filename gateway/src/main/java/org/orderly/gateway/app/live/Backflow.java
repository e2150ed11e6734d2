package org.orderly.gateway.app.live;

/**
 * A transformer meter's power (the total or a phase's) flowing back to the grid beyond what a residential compound
 * without generation can: the meter's reading is not to be trusted (see {@link BackflowWatch}).
 *
 * @param quantity which power: {@code power.total.kw}, {@code power.a.kw} ...
 * @param kw       what it read, below zero
 */
public record Backflow(String quantity, double kw) {

    /** Stub. */
    public String describe() {
        return "";
    }
}
