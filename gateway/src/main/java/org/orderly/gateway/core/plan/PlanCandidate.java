package org.orderly.gateway.core.plan;

import org.orderly.gateway.core.estimate.EnergyNeed;

/**
 * One session as a planning problem sees it: the most energy worth placing ({@code targetKWh}),
 * how likely it is to want each further kWh ({@code need}), its urgency, and for each slot from
 * now on the probability it is still plugged ({@code survival}) and the expected cost of a kWh
 * placed there ({@code cost}). Slots past the arrays' end are beyond its plausible departure.
 */
public record PlanCandidate(PlanSession session, double targetKWh, EnergyNeed need, double laxityHours,
                            double[] survival, double[] cost) {
    public int window() {
        return survival.length;
    }
}
