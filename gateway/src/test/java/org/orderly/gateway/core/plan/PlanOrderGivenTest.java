package org.orderly.gateway.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderly.gateway.core.CompoundFixtures.compound;
import static org.orderly.gateway.core.plan.PlanScenario.PILE_KW;
import static org.orderly.gateway.core.plan.PlanScenario.sure;

import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.plan.PlanScenario.Solved;

/**
 * Among cars of near urgency the one given less energy so far is placed first ({@link PlanProblemBuilder#order}): the
 * car left behind rises plan after plan instead of the one leaving a few minutes later always being last.
 */
class PlanOrderGivenTest {
    @Test
    void aCarGivenNothingGoesBeforeOneOfNearUrgencyGivenAKilowattHour() {
        // Both want 30 kWh, far more than an hour gives: A leaves at 22:50 and has been given 1 kWh, B leaves at 23:00
        // and has been given nothing. A's laxity is a few hundredths of an hour less than B's. Neither can be met, so
        // they share the room (ShortShares): 1.4 kW, room for one car at its least current (1.32 kW), which goes to the
        // first in the order; with room for both, each would get half whatever the order.
        PlanScenario sc = twoPiles(18.6);
        sc.session(new PlanSession("A", 0, sure(sc.now(), sc.next("22:50"), 30), 1.0, PILE_KW))
                .session(new PlanSession("B", 1, sure(sc.now(), sc.next("23:00"), 30), 0, PILE_KW));
        Solved solved = sc.solve();

        GreedyPlannerScenariosTest.assertFeasible(solved);
        assertThat(solved.session("A").laxityHours()).isLessThan(solved.session("B").laxityHours());
        assertThat(solved.problem().candidates().get(0).session().id()).isEqualTo("B");
        assertThat(solved.kwh("B", 0)).isGreaterThan(solved.kwh("A", 0));
    }

    /**
     * What a car has been given moves it at most {@link PlanProblemBuilder#GIVEN_HOURS} down the order: a car that
     * must start now, given 20 kWh already, still goes before one with half an hour to spare given nothing.
     */
    @Test
    void whatACarWasGivenDoesNotOutweighTheHoursThatMakeItUrgent() {
        // A leaves at 23:30 and still wants 10 kWh of 30 (1.42 h at 7.04 kW): 0.08 h to spare. B leaves at 23:00
        // wanting 3 kWh: 0.57 h to spare. A's 20 kWh given are 2.8 h at full power, counted as a quarter hour.
        PlanScenario sc = twoPiles(13);
        sc.session(new PlanSession("A", 0, sure(sc.now(), sc.next("23:30"), 30), 20.0, PILE_KW))
                .session(new PlanSession("B", 1, sure(sc.now(), sc.next("23:00"), 3), 0, PILE_KW));
        Solved solved = sc.solve();

        assertThat(solved.session("B").laxityHours() - solved.session("A").laxityHours())
                .as("B's hours to spare beyond A's").isGreaterThan(PlanProblemBuilder.GIVEN_HOURS);
        assertThat(solved.problem().candidates().get(0).session().id()).isEqualTo("A");
    }

    /** Two piles at 22:00 on 20 kW, {@code householdsKw} of them the households' (13: room for one 7.04 kW car). */
    private static PlanScenario twoPiles(double householdsKw) {
        return PlanScenario.at("22:00").compound(compound().limitKw(20)
                        .pile("P0", Phase.A, null).pile("P1", Phase.A, null).build())
                .baseKw(householdsKw).noBaseMargin();
    }
}
