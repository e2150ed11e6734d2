package org.orderly.gateway.core.plan;

import java.util.List;
import org.orderly.gateway.core.estimate.EnergyNeed;

/**
 * One session as a planning problem sees it: the most energy worth placing ({@code targetKWh}),
 * how likely it is to want each further kWh ({@code need}), its urgency, and for each slot from
 * now on the probability it is still plugged ({@code survival}) and the expected cost of a kWh
 * placed there ({@code cost}). Slots past the arrays' end are beyond its plausible departure.
 */
public record PlanCandidate(PlanSession session, double targetKWh, EnergyNeed need, double laxityHours,
                            double[] survival, double[] cost, List<EnergyBand> bands) {
    /**
     * The expected cost per kWh in each slot for the energy from {@code fromKWh} more on: the
     * vehicles that want that much stay longer (or shorter) than the average one.
     */
    public record EnergyBand(double fromKWh, double[] cost) {
    }

    public int window() {
        return survival.length;
    }

    /** The band that prices the kWh {@code placedKWh} kWh beyond what is already placed. */
    public EnergyBand bandAt(double placedKWh) {
        EnergyBand band = bands.get(0);
        for (EnergyBand b : bands) {
            if (b.fromKWh() <= placedKWh) {
                band = b;
            }
        }
        return band;
    }
}
