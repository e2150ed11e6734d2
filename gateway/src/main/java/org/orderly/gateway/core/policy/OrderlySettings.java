package org.orderly.gateway.core.policy;

import java.time.Duration;
import org.orderly.gateway.core.plan.PlannerSettings;

/**
 * @param planner            the Planner's knobs
 * @param cyclePeriod        the control period (1 s live; the step in a simulation)
 * @param replanEvery        the longest a plan is kept when nothing happens
 * @param rampUpAmpsPerCycle largest increase per cycle (infinity: none)
 * @param resolutionA        setpoint resolution the piles accept
 */
public record OrderlySettings(PlannerSettings planner, Duration cyclePeriod, Duration replanEvery,
                              double rampUpAmpsPerCycle, double resolutionA) {
    public static OrderlySettings defaults(double penaltyPerKWh, Duration cyclePeriod) {
        return new OrderlySettings(PlannerSettings.defaults(penaltyPerKWh), cyclePeriod, Duration.ofMinutes(15),
                Double.POSITIVE_INFINITY, 0.1);
    }
}
