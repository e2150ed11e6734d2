package org.orderly.gateway.upstream.command;

import java.time.Instant;
import org.orderly.gateway.core.plan.Plan;
import org.orderly.gateway.upstream.message.CapMeet;
import org.orderly.gateway.upstream.message.TelemetryBody;

/**
 * What the gateway can meet of a cap, said in its {@code accepted} reply (docs/upstream.md, "Replies"). The gateway
 * can only move EV load: as the last control cycle saw the compound, it could shed {@code shedKw} (telemetry's
 * {@code flex.shedKw}), and the least total it could bring the compound to now is the households and whatever EV load
 * no offer sheds ({@code leastKw}, telemetry's {@code flex.leastKw}): the households as the reading gave them, each
 * pile's draw as it is now ({@link org.orderly.gateway.upstream.telemetry.TelemetryCalculator}). Until 2026-12-07 it was
 * {@code transformerKw - flex.shedKw}, of the reading's moment, which may be up to a stale reading's age older than the
 * piles' reports: a car not following its offer that began to draw since was left out (a cap said meetable that the
 * cycle could not meet), and cars the cycle cut since were counted as they drew then (a cap said not meetable that the
 * cycle met by pausing them); before that day the shed was not held to the reading either, -7.40 kW once. A cap below
 * it cannot be met with that load. Beside it, the
 * planner's household forecast for the cap's window, the highest slot of it ({@code baseForecastKw}). Null where not
 * known (no cycle yet, the last overdue, no households known: conservative mode; no plan slot in the window): not 0,
 * which would claim the cap met.
 *
 * @param baseKw         the households' load as that cycle counted it (telemetry's {@code baseKw}), or null
 * @param shedKw         the EV load the gateway could shed then, or null without a cycle
 * @param leastKw        the least total now (telemetry's {@code flex.leastKw}), or null without households known
 * @param baseForecastKw the highest household load the plan in force expects in a slot overlapping the cap's window
 *                       (the part of it the plan's 24 h cover), or null where they cover none of it
 */
public record CapReach(Double baseKw, Double shedKw, Double leastKw, Double baseForecastKw) {
    /** Nothing known. */
    public static final CapReach UNKNOWN = new CapReach(null, null, null, null);

    /**
     * @param telemetry the last cycle's telemetry as it would be sent now, or null when none would be
     * @param plan      the plan in force, or null before the first
     */
    public static CapReach of(TelemetryBody telemetry, Plan plan, Instant from, Instant to) {
        Double forecast = plan == null ? null : peakBaseKw(plan, from, to);
        if (telemetry == null) {
            return new CapReach(null, null, null, forecast);
        }
        double shed = telemetry.flex().shedKw();
        // Null with no reading taken (the telemetry's rule), as it is for transformerKw.
        return new CapReach(telemetry.baseKw(), shed, telemetry.flex().leastKw(), forecast);
    }

    private static Double peakBaseKw(Plan plan, Instant from, Instant to) {
        Double peak = null;
        for (int j = 0; j < plan.slotCount(); j++) {
            // Slot j is [start, end); the cap's window [from, to).
            if (plan.slotEnd(j) * 1000 > from.toEpochMilli() && plan.slotStart(j) * 1000 < to.toEpochMilli()) {
                peak = peak == null ? plan.baseKw(j) : Math.max(peak, plan.baseKw(j));
            }
        }
        return peak;
    }

    /** Whether a cap at {@code limitKw} can be met at the load seen; null when that load is not known. */
    public Boolean meetable(double limitKw) {
        return leastKw == null ? null : leastKw <= limitKw;
    }

    /** How far over {@code limitKw} the least total is (0 when it can be met); null when that is not known. */
    public Double shortKw(double limitKw) {
        return leastKw == null ? null : Math.max(0, leastKw - limitKw);
    }

    /** What of a cap at {@code limitKw} can be met, as its reply and its {@code cap.accepted} event say it. */
    public CapMeet meet(double limitKw) {
        return new CapMeet(baseKw, shedKw, leastKw, meetable(limitKw), shortKw(limitKw), baseForecastKw);
    }
}
