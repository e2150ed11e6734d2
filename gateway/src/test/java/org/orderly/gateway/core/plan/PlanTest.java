package org.orderly.gateway.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.CompoundFixtures;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.Phase;

/** What a solved plan tells the dispatch about the slots ahead. */
class PlanTest {
    private static final Compound COMPOUND = CompoundFixtures.compound().limitKw(100).pile("P1", Phase.A, null).build();
    private static final double VALLEY = 0.3946;
    private static final double FLAT = 0.695;
    private static final double PEAK = 1.0044;

    /** Four quarter-hour slots with these prices and household loads, and session "s" planned {@code kwh}. */
    private static Plan plan(double[] price, double[] baseKw, double[] evKw, double[] kwh) {
        int slots = price.length;
        long[] bounds = new long[slots + 1];
        double[] hours = new double[slots];
        double[] evKwh = new double[slots];
        for (int j = 0; j < slots; j++) {
            bounds[j + 1] = bounds[j] + 900;
            hours[j] = 0.25;
            evKwh[j] = evKw[j] * 0.25;
        }
        double[] limit = new double[slots];
        java.util.Arrays.fill(limit, 100);
        PlanProblem p = new PlanProblem(Instant.EPOCH, COMPOUND, PlannerSettings.defaults(1.8), bounds, hours, price,
                baseKw, limit, new double[slots][COMPOUND.nodeCount()], List.of());
        return Plan.of(p, Map.of("s", new SessionPlan("s", 0, kwh, 1, 4, 4, 0, 7)), evKwh);
    }

    @Test
    void theHeadroomToAPeriodsPeakIsMeasuredAgainstItsOwnSlotsOnly() {
        // households 30, 50, 40 in the valley and 80 at the flat price after it; EV 10, 20, 10, 0 kW
        Plan plan = plan(new double[] {VALLEY, VALLEY, VALLEY, FLAT}, new double[] {30, 50, 40, 80},
                new double[] {10, 20, 10, 0}, new double[] {0, 1, 1, 2});

        assertThat(plan.headroomToPeriodPeakKw(0)).as("the valley peaks at 70 kW in slot 1").isCloseTo(30, within(1e-9));
        assertThat(plan.headroomToPeriodPeakKw(1)).as("slot 1 is the peak").isZero();
        assertThat(plan.headroomToPeriodPeakKw(2)).as("the dearer slot 3 is another period").isZero();
    }

    @Test
    void theEnergyAheadCountsLaterSlotsUntilTheFirstCheaperOne() {
        Plan plan = plan(new double[] {FLAT, FLAT, PEAK, VALLEY}, new double[] {30, 30, 30, 30},
                new double[4], new double[] {0.5, 1, 2, 4});

        assertThat(plan.kwhAheadAtNoLowerPrice("s", 0)).as("slots 1 and 2, not the valley").isCloseTo(3, within(1e-9));
        assertThat(plan.kwhAheadAtNoLowerPrice("s", 2)).as("only the valley follows the peak").isZero();
        assertThat(plan.kwhAheadAtNoLowerPrice("other", 0)).as("a session the plan does not know").isZero();
    }
}
