package org.orderly.gateway.core.plan;

import org.orderly.gateway.core.estimate.EnergyNeed;
import org.orderly.gateway.core.estimate.SessionBelief;

/**
 * A plugged session as the Planner needs it: where it is, what is believed of it, what it has
 * taken, the most power its vehicle is known (or assumed) to draw, and whether it is drawing now (offered current
 * last cycle): among sessions of like urgency, that one is served first
 * ({@link org.orderly.gateway.core.limit.Urgency}).
 */
public record PlanSession(String id, int pileIndex, SessionBelief belief, double deliveredKWh, double maxKw,
                          boolean drawing) {

    /** A session not drawing now. */
    public PlanSession(String id, int pileIndex, SessionBelief belief, double deliveredKWh, double maxKw) {
        this(id, pileIndex, belief, deliveredKWh, maxKw, false);
    }

    /**
     * How urgent it is at {@code now} (epoch seconds): the hours from now to the departure it leaves by with
     * probability {@code urgencyQuantile}, less the hours its likely (median) energy takes at {@link #maxKw}. The
     * Planner orders its candidates by it, and the policy judges by it a car no plan has been made for yet.
     */
    public double laxityHours(long now, double urgencyQuantile) {
        return laxityHours(now, urgencyQuantile, belief.need(deliveredKWh, now));
    }

    /** {@link #laxityHours(long, double)} with its energy need as already formed at {@code now}. */
    double laxityHours(long now, double urgencyQuantile, EnergyNeed need) {
        long leaveBy = belief.departureQuantile(urgencyQuantile, now);
        double likely = need.upTo(0.5);
        return (leaveBy - now) / 3600.0 - (maxKw > 0 ? likely / maxKw : 0);
    }
}
