package org.orderly.gateway.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.orderly.gateway.core.plan.PlanScenario.PILE_KW;
import static org.orderly.gateway.core.plan.PlanScenario.sure;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.plan.PlanScenario.Solved;

/**
 * Cars that cannot be met share the room ({@link ShortShares}); cars that can still be met take their turn.
 */
class PlanShortSharesTest {
    private static final List<String> EIGHT = List.of("p1", "p13", "p2", "p299", "p30", "p4", "p5", "p7");

    /**
     * tools/bench/shortfall-shares.py --queue: eight 7.04 kW cars wanting 30 kWh each, leaving in an hour, on 20 kW of
     * room. None can be met (an hour at full power gives 7 kWh); each is planned its share, 2.5 kW, in every slot.
     */
    @Test
    void eightCarsThatCannotBeMetEachGetAnEighthOfTheRoomInEverySlot() {
        PlanScenario sc = twentyKwOfRoom(8);
        for (int i = 0; i < EIGHT.size(); i++) {
            sc.session(new PlanSession(EIGHT.get(i), i, sure(sc.now(), sc.next("23:00"), 30), 0, PILE_KW));
        }
        Solved solved = sc.solve();

        GreedyPlannerScenariosTest.assertFeasible(solved);
        for (String id : EIGHT) {
            assertThat(solved.session(id).laxityHours()).as(id + "'s laxity").isNegative();
            for (int j = 0; j < 4; j++) {
                assertThat(solved.kwh(id, j) / solved.hours(j)).as(id + "'s kW in slot " + j).isCloseTo(2.5, within(0.05));
            }
        }
    }

    /**
     * A car that can still be met waits its turn: with room for one car, B, which needs half an hour and has the hour,
     * is not shared out with A, which cannot be met, nor is A held back for it: A is placed first (least laxity) and
     * takes the room at full power while B's laxity lasts.
     */
    @Test
    void aCarThatCanStillBeMetWaitsItsTurnInsteadOfTakingAShare() {
        PlanScenario sc = PlanScenario.at("22:00").compound(PlanScenario.defaultCompound(2)).baseKw(93).noBaseMargin();
        sc.session(new PlanSession("A", 0, sure(sc.now(), sc.next("23:00"), 30), 0, PILE_KW))
                .session(new PlanSession("B", 1, sure(sc.now(), sc.next("23:00"), 3.5), 0, PILE_KW));
        Solved solved = sc.solve();

        assertThat(solved.session("A").laxityHours()).isNegative();
        assertThat(solved.session("B").laxityHours()).isPositive();
        assertThat(solved.kwh("A", 0) / solved.hours(0)).isCloseTo(7.0, within(0.05));
        assertThat(solved.kwh("B", 0)).isZero();
    }

    /** {@code piles} piles at 22:00 with 20 kW of room: 100 kW, 80 of them the households'. */
    private static PlanScenario twentyKwOfRoom(int piles) {
        return PlanScenario.at("22:00").compound(PlanScenario.defaultCompound(piles)).baseKw(80).noBaseMargin();
    }
}
