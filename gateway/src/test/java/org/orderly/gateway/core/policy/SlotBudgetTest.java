package org.orderly.gateway.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.plan.Plan;

class SlotBudgetTest {
    private static final long END = 1_800;
    private static final long NEXT_END = 2_700;
    private final Plan first = Plan.empty(Instant.ofEpochSecond(0));
    private final Plan second = Plan.empty(Instant.ofEpochSecond(600));
    private static final double KW = 7.04;
    private final SlotBudget budget = new SlotBudget();

    @Test
    void whatIsLeftIsThePlannedEnergyLessWhatWasDrawnSinceTheSlotBegan() {
        assertThat(budget.leftKWh(first, END, 1.5, 0, 10, false, KW, KW)).isEqualTo(1.5);
        assertThat(budget.leftKWh(first, END, 1.5, 0, 10.4, true, KW, KW)).isCloseTo(1.1, within(1e-9));
    }

    @Test
    void aSessionDrawingKeepsWhatTheOutgoingPlanStillHadForTheSlot() {
        budget.leftKWh(first, END, 1.5, 0, 10, false, KW, KW);
        double left = budget.leftKWh(second, END, 0, 0, 10.4, true, KW, KW);
        assertThat(left).as("the new plan gives it nothing now").isCloseTo(1.1, within(1e-9));
    }

    @Test
    void aSessionDrawingTakesMoreIfTheNewPlanGivesMore() {
        budget.leftKWh(first, END, 1.5, 0, 10, false, KW, KW);
        assertThat(budget.leftKWh(second, END, 2.0, 0, 10.4, true, KW, KW)).isEqualTo(2.0);
    }

    @Test
    void aSessionNotDrawingTakesWhatTheNewPlanGives() {
        budget.leftKWh(first, END, 1.5, 0, 10, false, KW, KW);
        assertThat(budget.leftKWh(second, END, 0, 0, 10, false, KW, KW)).isZero();
    }

    @Test
    void aBudgetPlannedForASlowerCarThanTheOneThatShowedUpIsNotKept() {
        // planned as a 3.3 kW car; the probe showed a 7 kW one, and the new plan has it wait for a cheaper slot
        budget.leftKWh(first, END, 0.8, 0, 0, false, 3.3, 7.04);
        assertThat(budget.leftKWh(second, END, 0, 0, 0.1, true, 7.04, 7.04)).isZero();
    }

    @Test
    void aBudgetPlannedForTheCarThatShowedUpIsKeptThoughPlannedBeforeItsFirstDraw() {
        // planned as 6.3 kW (its pile's past sessions drew that much); the probe showed 6.6 kW
        budget.leftKWh(first, END, 0.8, 0, 0, false, 6.3, 7.04);
        assertThat(budget.leftKWh(second, END, 0, 0, 0.1, true, 6.6, 6.6)).isCloseTo(0.7, within(1e-9));
    }

    @Test
    void aPlanMadeAtTheSlotsStartKeepsWhatTheOutgoingPlanHadForTheNewSlot() {
        budget.leftKWh(first, END, 1.0, 0, 10, true, KW, KW);
        double left = budget.leftKWh(second, NEXT_END, 0, 0.7, 11, true, KW, KW);
        assertThat(left).as("the outgoing plan had 0.7 kWh for the slot that begins now").isEqualTo(0.7);
    }

    @Test
    void theNextSlotUnderTheSamePlanStartsAfresh() {
        budget.leftKWh(first, END, 1.0, 0, 10, true, KW, KW);
        assertThat(budget.leftKWh(first, NEXT_END, 0.3, 0, 10.2, true, KW, KW)).as("0.8 kWh undrawn is not carried")
                .isEqualTo(0.3);
    }

    @Test
    void theNextSlotUnderTheSamePlanKeepsNothingOfAnOlderPlan() {
        budget.leftKWh(first, END, 1.0, 0, 10, true, KW, KW);
        assertThat(budget.isFor(first, END)).isTrue();
        assertThat(budget.isFor(first, NEXT_END)).isFalse();
        assertThat(budget.leftKWh(first, NEXT_END, 0.3, 0.7, 10.2, true, KW, KW))
                .as("0.7 kWh of an older plan for this slot is not the plan in force").isEqualTo(0.3);
    }

    @Test
    void whatADrawingSessionDrewBeyondItsSlotCountsAgainstTheNext() {
        budget.leftKWh(first, END, 1.0, 0, 10, true, KW, KW);
        assertThat(budget.leftKWh(first, END, 1.0, 0, 11.05, true, KW, KW)).isCloseTo(-0.05, within(1e-9));
        assertThat(budget.leftKWh(first, NEXT_END, 1.5, 0, 11.05, true, KW, KW)).isCloseTo(1.45, within(1e-9));
    }

    @Test
    void aSessionNotDrawingStartsItsNextSlotAfresh() {
        budget.leftKWh(first, END, 1.0, 0, 10, true, KW, KW);
        budget.leftKWh(first, END, 1.0, 0, 11.05, true, KW, KW);
        assertThat(budget.leftKWh(first, NEXT_END, 1.5, 0, 11.05, false, KW, KW)).isEqualTo(1.5);
    }
}
