package org.orderly.gateway.core.plan;

import java.time.Duration;

/**
 * The Planner's knobs.
 *
 * @param horizon            how far ahead it plans
 * @param penaltyPerKWh      what a kWh a resident needed but did not get is worth (they top up
 *                           at a public fast charger); prices risk against cheap later hours
 * @param energyQuantile     the quantile of a session's wanted energy that it plans for
 * @param urgencyQuantile    the departure quantile that urgency (laxity) is measured against
 * @param baseMarginShare    safety margin on the household-load forecast, as a share of it
 * @param baseMarginKw       plus this many kW
 * @param flatteningPerKWh   price per kWh of filling a slot to the limit; spreads load evenly
 *                           inside equal-price periods instead of piling it onto the first slot
 * @param riskAversion       how much more than {@code penaltyPerKWh} a kWh the vehicle leaves
 *                           without is weighed at when planning: above 1 trades some cost for a
 *                           higher delivered share (docs/scheduler.md has the measured trade-off)
 */
public record PlannerSettings(Duration horizon, double penaltyPerKWh, double energyQuantile, double urgencyQuantile,
                              double baseMarginShare, double baseMarginKw, double flatteningPerKWh,
                              double riskAversion) {
    /** The product's {@code riskAversion} (docs/scheduler.md has why this value). */
    public static final double RISK_AVERSION = 2.1;

    public static PlannerSettings defaults(double penaltyPerKWh) {
        return new PlannerSettings(Duration.ofHours(48), penaltyPerKWh, 0.995, 0.2, 0.06, 0.0, 0.1, RISK_AVERSION);
    }

    public PlannerSettings {
        if (horizon.toMinutes() < 60) {
            throw new IllegalArgumentException("planning horizon must be at least an hour");
        }
        if (!(penaltyPerKWh > 0)) {
            throw new IllegalArgumentException("penaltyPerKWh must be > 0");
        }
        if (!(riskAversion > 0) || Double.isInfinite(riskAversion)) {
            throw new IllegalArgumentException("riskAversion must be a finite number > 0, was " + riskAversion);
        }
    }

    /** The household load a slot is planned for when {@code expectedKw} is expected in it: with the safety margin. */
    public double guardedBaseKw(double expectedKw) {
        return expectedKw * (1 + baseMarginShare) + baseMarginKw;
    }

    /** The same knobs, a missed kWh weighed at {@code riskAversion} times its penalty. */
    public PlannerSettings withRiskAversion(double riskAversion) {
        return new PlannerSettings(horizon, penaltyPerKWh, energyQuantile, urgencyQuantile, baseMarginShare,
                baseMarginKw, flatteningPerKWh, riskAversion);
    }
}
