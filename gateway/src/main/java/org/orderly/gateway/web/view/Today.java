package org.orderly.gateway.web.view;

/**
 * The EV energy of the sessions that ended today (local day) or go on, whenever they began (from the stored
 * per-minute pile power and the piles' counters), its cost at the tariff, and what the same energy would have cost
 * uncontrolled: each session charged from its arrival at the most its car was seen to draw until it had what it took.
 * {@code savingYuan} is the difference. Both are null (not known yet) while a session with energy has no stored minute
 * that saw its car draw: how fast it would have charged uncontrolled is not known, and counting its energy at no cost
 * would say as a saving, or a loss, what is only that session's cost (a gateway's first minute after its start, its
 * cars' energy known from their piles' counters only).
 */
public record Today(double evKwh, double costYuan, Double uncontrolledCostYuan, Double savingYuan) {

    /** Figures whose comparison is known. */
    public Today(double evKwh, double costYuan, double uncontrolledCostYuan, double savingYuan) {
        this(evKwh, costYuan, Double.valueOf(uncontrolledCostYuan), Double.valueOf(savingYuan));
    }
}
