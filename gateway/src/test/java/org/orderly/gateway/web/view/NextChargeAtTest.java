package org.orderly.gateway.web.view;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.CompoundFixtures;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.plan.Plan;
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

    /** Quarter-hour slots from the epoch, session "s" on P0 planned {@code kwh} in each. */
    private static Plan plan(double... kwh) {
        return QuarterHourPlans.of(COMPOUND, new SessionPlan("s", 0, kwh, 1, 4, 4, 0, 7));
    }
}
