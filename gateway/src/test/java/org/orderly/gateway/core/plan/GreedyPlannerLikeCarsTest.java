package org.orderly.gateway.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.orderly.gateway.core.plan.PlanScenario.PILE_KW;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.plan.PlanScenario.Solved;

/**
 * Equally urgent cars in too little room share it. Five cars alike (7.04 kW each, sure to leave at midnight, each
 * wanting 150 kWh, far more than the hour gives) plugged at 23:00 under a transformer with 30 kW of room: five would
 * take 35.2 kW. Until 2026-12-06 the planner placed them one after another, the tie of their urgency broken by id, and
 * the last by id (p7, after p299 as strings) was left what the four before it did not take, plan after plan: who bore
 * the shortfall was decided by the pile's name (docs/scheduler.md, "Equally urgent cars share a shortfall").
 */
class GreedyPlannerLikeCarsTest {
    private static final List<String> CARS = List.of("p1", "p13", "p299", "p30", "p7");
    private static final double ROOM_KW = 30;
    /** The planner's chunk for a 7.04 kW car: a third of a quarter hour at full power. */
    private static final double CHUNK_KWH = PILE_KW * 0.25 / 3;

    @Test
    void equallyUrgentCarsShareTheRoomAlikeWhateverTheirIds() {
        PlanScenario sc = PlanScenario.at("23:00").noBaseMargin().baseKw(100 - ROOM_KW);
        for (int i = 0; i < CARS.size(); i++) {
            sc.session(CARS.get(i), i, "00:00", 150);
        }
        Solved solved = sc.solve();

        GreedyPlannerScenariosTest.assertFeasible(solved);
        List<Integer> hour = solved.slotsWithin(sc.now(), sc.next("00:00"));
        assertThat(hour).hasSize(4);
        Map<String, String> bySlot = new TreeMap<>();
        for (String car : CARS) {
            StringBuilder kwh = new StringBuilder();
            for (int j : hour) {
                kwh.append(String.format(" %.3f", solved.kwh(car, j)));
            }
            bySlot.put(car, kwh.toString());
        }
        double share = ROOM_KW * 0.25 / CARS.size();
        for (int j : hour) {
            assertThat(solved.evKwh(j)).as("EV kWh in slot %d", j).isCloseTo(ROOM_KW * 0.25, within(1e-6));
            for (String car : CARS) {
                assertThat(solved.kwh(car, j)).as("%s's kWh in slot %d (kWh a slot, the hour's four: %s)", car, j, bySlot)
                        .isCloseTo(share, within(CHUNK_KWH));
            }
        }
        Instant midnight = sc.next("00:00");
        for (String car : CARS) {
            assertThat(solved.between(car, sc.now(), midnight)).as("%s's kWh in the hour (%s)", car, bySlot)
                    .isCloseTo(share * hour.size(), within(CHUNK_KWH));
        }
    }
}
