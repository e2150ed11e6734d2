package org.orderly.gateway.web.view;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.plan.Plan;
import org.orderly.gateway.core.plan.PlanProblem;
import org.orderly.gateway.core.plan.PlannerSettings;
import org.orderly.gateway.core.plan.SessionPlan;

/** Plans handed to the overview's builders as a test writes them, without a planner. */
final class QuarterHourPlans {
    private QuarterHourPlans() {
    }

    /**
     * A plan of quarter-hour slots from the epoch, as many as {@code session} has energy for ({@link
     * SessionPlan#kwhBySlot}), with that one session; no household load, 100 kW of room.
     */
    static Plan of(Compound compound, SessionPlan session) {
        int slots = session.kwhBySlot().length;
        long[] bounds = new long[slots + 1];
        double[] hours = new double[slots];
        for (int j = 0; j < slots; j++) {
            bounds[j + 1] = bounds[j] + 900;
            hours[j] = 0.25;
        }
        double[] limit = new double[slots];
        Arrays.fill(limit, 100);
        PlanProblem p = new PlanProblem(Instant.EPOCH, compound, PlannerSettings.defaults(1.8), bounds, hours,
                new double[slots], new double[slots], limit, new double[slots][compound.nodeCount()], List.of());
        return Plan.of(p, Map.of(session.sessionId(), session), session.kwhBySlot().clone());
    }
}
