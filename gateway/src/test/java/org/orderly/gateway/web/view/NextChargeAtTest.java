package org.orderly.gateway.web.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.CompoundFixtures;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.plan.Plan;
import org.orderly.gateway.core.plan.PlanProblem;
import org.orderly.gateway.core.plan.PlannerSettings;
import org.orderly.gateway.core.plan.SessionPlan;

/**
 * A row's {@code nextChargeAt} is the start of a waiting pile's next planned slot: a pile the cycle gives a current
 * charges now and waits for nothing. Until 2026-12-05 a charging pile's row gave its plan's next slot too (in
 * conservative mode, a pile charging at the safe power showed the next quarter hour), which read as a wait.
 */
class NextChargeAtTest {
    private static final Compound COMPOUND = CompoundFixtures.compound().limitKw(100).pile("P0", Phase.A, null).build();

    @Test
    void aChargingPileWaitsForNoSlot() {
        Plan plan = plan(1.5, 0, 1.5, 1.5);
        assertThat(OverviewBuilder.nextChargeAt(plan, "s", 60, 16)).as("charging at 16 A now").isNull();
    }

    @Test
    void aPileGivenNothingWaitsForItsNextPlannedSlot() {
        Plan plan = plan(1.5, 0, 1.5, 1.5);
        assertThat(OverviewBuilder.nextChargeAt(plan, "s", 60, 0)).as("the third quarter hour's start (epoch ms)")
                .isEqualTo(1_800_000L);
    }

    /** Four quarter-hour slots from the epoch, session "s" on P0 planned {@code kwh} in each. */
    private static Plan plan(double... kwh) {
        int slots = kwh.length;
        long[] bounds = new long[slots + 1];
        double[] hours = new double[slots];
        for (int j = 0; j < slots; j++) {
            bounds[j + 1] = bounds[j] + 900;
            hours[j] = 0.25;
        }
        double[] limit = new double[slots];
        Arrays.fill(limit, 100);
        PlanProblem p = new PlanProblem(Instant.EPOCH, COMPOUND, PlannerSettings.defaults(1.8), bounds, hours,
                new double[slots], new double[slots], limit, new double[slots][COMPOUND.nodeCount()], List.of());
        return Plan.of(p, Map.of("s", new SessionPlan("s", 0, kwh, 1, 4, 4, 0, 7)), kwh.clone());
    }
}
