package org.orderly.gateway.core.policy;

/**
 * A policy's plans counted by when they were asked for: how many it has asked for so far ({@code asked}), which of
 * them the plan in force answers ({@code inForce}) and which the last one that failed was ({@code failed}); 0 for none.
 * A plan asked after something was so knows it: counted, not timed, so that a step of the clock misleads no one
 * (a plan's {@code createdAt} is the clock's, and a clock set back made plans of before look made after).
 */
public record PlanAsks(int asked, int inForce, int failed) {
    /** A policy that makes no plans. */
    public static final PlanAsks NONE = new PlanAsks(0, 0, 0);

    /** Whether the plan in force was asked after {@code asked} plans had been: one asked since then. */
    public boolean inForceAskedAfter(int asked) {
        return inForce > asked;
    }

    /**
     * Whether a plan asked after {@code asked} plans had been failed and is the last one asked, none asked since then in
     * force: a plan asked after the failure (a car plugged in, a cap) is on its way, and knows what waits for it.
     */
    public boolean failedSince(int asked) {
        return failed > asked && failed == this.asked && !inForceAskedAfter(asked);
    }
}
