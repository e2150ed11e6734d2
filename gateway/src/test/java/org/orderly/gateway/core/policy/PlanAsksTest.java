package org.orderly.gateway.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What a reservation applied after {@code asked} plans waits for, by the policy's plans counted (read59i, 2026-12-07). */
class PlanAsksTest {
    @Test
    void aFailedPlanAskedAfterIsTheEndOfTheWaitOnlyWhileNoNewerPlanIsAsked() {
        // applied after plan 1 was asked; plan 2 (asked with it) failed, none since
        assertThat(new PlanAsks(2, 1, 2).failedSince(1)).as("the last plan asked failed").isTrue();
        // a car plugged in since: plan 3 asked, on its way, knowing the reservation
        assertThat(new PlanAsks(3, 1, 2).failedSince(1)).as("a plan asked after the failure is on its way").isFalse();
        // plan 3 taken up
        assertThat(new PlanAsks(3, 3, 2).failedSince(1)).as("a plan asked after it in force").isFalse();
        assertThat(new PlanAsks(3, 3, 2).inForceAskedAfter(1)).isTrue();
    }

    @Test
    void aFailureOfAPlanAskedBeforeIsNoneOfTheWaits() {
        assertThat(new PlanAsks(2, 0, 1).failedSince(1)).as("plan 1, asked before, failed").isFalse();
        assertThat(PlanAsks.NONE.failedSince(0)).isFalse();
    }
}
