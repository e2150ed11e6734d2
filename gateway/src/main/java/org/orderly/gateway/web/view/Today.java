package org.orderly.gateway.web.view;

/**
 * Today's EV energy (local day, from the stored per-minute EV load), its cost at the tariff, and what the same
 * sessions would have cost uncontrolled: each charged from its arrival at its pile's full power until it had
 * what it took. {@code savingYuan} is the difference.
 */
public record Today(double evKwh, double costYuan, double uncontrolledCostYuan, double savingYuan) {
}
