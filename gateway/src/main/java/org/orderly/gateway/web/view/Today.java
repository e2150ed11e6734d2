package org.orderly.gateway.web.view;

/**
 * The EV energy of the sessions that ended today (local day) or go on, whenever they began (from the stored
 * per-minute pile power), its cost at the tariff, and what the same sessions would have cost uncontrolled: each
 * charged from its arrival at the most its car drew until it had what it took. {@code savingYuan} is the difference.
 */
public record Today(double evKwh, double costYuan, double uncontrolledCostYuan, double savingYuan) {
}
