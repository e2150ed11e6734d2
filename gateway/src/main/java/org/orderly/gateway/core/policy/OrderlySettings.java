package org.orderly.gateway.core.policy;

import java.time.Duration;
import org.orderly.gateway.core.plan.PlannerSettings;

/**
 * @param planner            the Planner's knobs
 * @param cyclePeriod        the control period (1 s live; the step in a simulation)
 * @param replanEvery        the longest a plan is kept when nothing happens
 * @param rampUpAmpsPerCycle largest increase per cycle (infinity: none)
 * @param resolutionA        setpoint resolution the piles accept
 * @param settle             how long a vehicle must draw nothing (or less than offered) before it
 *                           is taken as full (or as limited by its charger): cars take seconds to
 *                           follow a new current, so live this spans several cycles. It is also the
 *                           least time a stopped session stays stopped.
 * @param follow             how long a car may take to follow a lower offer, during which the room it may still
 *                           draw is not given to another pile ({@link org.orderly.gateway.core.limit.FollowHold}, which
 *                           the live control cycle runs in every mode): 5 s live (IEC 61851-1); 0 in a simulation,
 *                           whose cycle is a whole step
 * @param steadyWithinA      the smallest change of what a drawing session asks for that changes its offer
 *                           ({@link SteadyOffer}); 0: every change
 */
public record OrderlySettings(PlannerSettings planner, Duration cyclePeriod, Duration replanEvery,
                              double rampUpAmpsPerCycle, double resolutionA, Duration settle, Duration follow,
                              double steadyWithinA) {
    /** A car's time to follow a lower offer: IEC 61851-1 gives it 5 s after the PWM duty cycle changes. */
    public static final Duration CAR_FOLLOWS_WITHIN = Duration.ofSeconds(5);
    /** A change of what a drawing session asks for smaller than this is not passed on: each change is a write. */
    public static final double STEADY_WITHIN_A = 1.0;

    /** For simulation: a cycle is a whole step, long enough for any car to follow its setpoint. */
    public static OrderlySettings defaults(double penaltyPerKWh, Duration cyclePeriod) {
        return new OrderlySettings(PlannerSettings.defaults(penaltyPerKWh), cyclePeriod, Duration.ofMinutes(15),
                Double.POSITIVE_INFINITY, 0.1, Duration.ZERO, Duration.ZERO, STEADY_WITHIN_A);
    }

    /** The same settings, planning with {@code planner} (a simulation measuring another riskAversion, say). */
    public OrderlySettings withPlanner(PlannerSettings planner) {
        return new OrderlySettings(planner, cyclePeriod, replanEvery, rampUpAmpsPerCycle, resolutionA, settle, follow,
                steadyWithinA);
    }

    /**
     * For the live gateway cycling every {@code cyclePeriod} of the world's time (longer than the wall period when a
     * demo is sped up): a car's draw is judged over 30 s, and never over fewer than three cycles, because a bridge
     * reports its car's response to an offer a cycle or so later.
     */
    public static OrderlySettings live(double penaltyPerKWh, Duration cyclePeriod) {
        Duration threeCycles = cyclePeriod.multipliedBy(3);
        Duration settle = threeCycles.compareTo(Duration.ofSeconds(30)) > 0 ? threeCycles : Duration.ofSeconds(30);
        return new OrderlySettings(PlannerSettings.defaults(penaltyPerKWh), cyclePeriod, Duration.ofMinutes(15),
                Double.POSITIVE_INFINITY, 0.1, settle, CAR_FOLLOWS_WITHIN, STEADY_WITHIN_A);
    }
}
