package org.orderly.gateway.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.orderly.gateway.core.CompoundFixtures.KW_PER_A_3PH;
import static org.orderly.gateway.core.CompoundFixtures.compound;
import static org.orderly.gateway.core.plan.PlanScenario.PILE_KW;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.orderly.gateway.core.estimate.SessionBelief;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.plan.PlanScenario.Solved;
import org.orderly.gateway.core.tariff.BeijingTariff;

/**
 * Planning scenarios: {@link PlanProblemBuilder} then {@link GreedyPlanner}, Beijing tariff
 * (valley 23-07, peaks 10-15 and 18-21), penalty 1.8/kWh, default settings unless a scenario says
 * otherwise. Every solved plan is also checked against what is physically possible: no session
 * more than its vehicle's power in any slot, no node of the compound beyond its room in any slot.
 */
class GreedyPlannerScenariosTest {
    private static final double EPS = 1e-9;

    /** What every plan must satisfy, whatever the scenario. */
    static void assertFeasible(Solved s) {
        PlanProblem p = s.problem();
        Compound c = p.compound();
        double[][] used = new double[s.slots()][c.nodeCount()];
        for (PlanCandidate cand : p.candidates()) {
            PlanSession ps = cand.session();
            SessionPlan sp = s.session(ps.id());
            assertThat(sp.kwhBySlot().length).as("slots of %s", ps.id()).isLessThanOrEqualTo(cand.window());
            double total = 0;
            for (int j = 0; j < s.slots(); j++) {
                double kwh = sp.kwhInSlot(j);
                assertThat(kwh).as("%s in slot %d", ps.id(), j)
                        .isBetween(0.0, ps.maxKw() * s.hours(j) + EPS);
                total += kwh;
                int[] path = c.pileNodes(ps.pileIndex());
                double[] weight = c.pileWeights(ps.pileIndex());
                for (int k = 0; k < path.length; k++) {
                    used[j][path[k]] += kwh * weight[k];
                }
            }
            assertThat(total).as("total of %s", ps.id()).isLessThanOrEqualTo(cand.targetKWh() + EPS);
        }
        for (int j = 0; j < s.slots(); j++) {
            for (int n = 0; n < c.nodeCount(); n++) {
                assertThat(used[j][n]).as("%s in slot %d", c.nodeName(n), j)
                        .isLessThanOrEqualTo(p.roomKWh()[j][n] + 1e-7);
            }
        }
    }

    // ------------------------------------------------------------- one session, price and departure

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        # scenario                                        | now   | leaves | kWh | charges in  | at least | none in     | first slot
        overnight, sure 07:00 departure: all in the valley | 18:30 | 07:00  | 20  | 23:00-07:00 | 20       | 18:30-23:00 | none
        must leave at 20:00: charges now despite the peak  | 18:00 | 20:00  | 10  | 18:00-20:00 | 10       | 20:00-23:00 | full
        home all day: the flat hours, not the 10-15 peak   | 08:00 | 17:30  | 15  | 08:00-17:30 | 15       | 10:00-15:00 | any
        more than the valley holds: flat 21-23 tops it up  | 21:00 | 06:00  | 60  | 21:00-06:00 | 60       | 06:15-12:00 | full
        late arrival with a short stay in the valley       | 23:30 | 02:30  | 12  | 23:30-02:30 | 12       | 02:45-23:00 | any
        """)
    void oneSessionChargesWhereItsKWhIsCheapestGivenWhenItLeaves(String scenario, String now, String leaves,
                                                                 double kWh, String chargesIn, double atLeast,
                                                                 String noneIn, String firstSlot) {
        PlanScenario sc = PlanScenario.at(now).session("s", 0, leaves, kWh);
        Solved solved = sc.solve();

        assertFeasible(solved);
        Instant chargeFrom = sc.next(from(chargesIn));
        assertThat(solved.between("s", chargeFrom, BeijingTariff.next(chargeFrom, to(chargesIn))))
                .as("planned in %s", chargesIn).isGreaterThanOrEqualTo(atLeast);
        Instant quietFrom = sc.next(from(noneIn));
        assertThat(solved.between("s", quietFrom, BeijingTariff.next(quietFrom, to(noneIn))))
                .as("planned in %s", noneIn).isZero();
        double fullFirst = PILE_KW * solved.hours(0);
        switch (firstSlot) {
            case "none" -> assertThat(solved.kwh("s", 0)).isZero();
            case "full" -> assertThat(solved.kwh("s", 0)).isCloseTo(fullFirst, within(1e-6));
            default -> { }
        }
    }

    private static String from(String window) {
        return window.split("-")[0];
    }

    private static String to(String window) {
        return window.split("-")[1];
    }

    @Test
    void theSameOvernightSessionGetsTheSameEnergyWhetherPlannedAtThePeakOrInTheValley() {
        Solved atPeak = PlanScenario.at("19:00").session("s", 0, "07:00", 20).solve();
        Solved atValley = PlanScenario.at("23:00").session("s", 0, "07:00", 20).solve();

        assertThat(atPeak.kwh("s", 0)).isZero();
        assertThat(atValley.total("s")).isCloseTo(atPeak.total("s"), within(0.01));
        assertThat(atValley.session("s").targetKWh()).isGreaterThan(20);
    }

    // ------------------------------------------------------------- urgency

    @ParameterizedTest(name = "urgent session {0} on pile P{1}")
    @CsvSource({"A, 0", "A, 1", "B, 0", "B, 1"})
    void withRoomForOneVehicleAtATimeTheLessLaxSessionIsPlannedFirst(String urgentId, int urgentPile) {
        String relaxedId = urgentId.equals("A") ? "B" : "A";
        // 20 kW transformer, 13 kW of households, no margin: 7 kW of room, one 7.04 kW car at a time.
        // Both leave at 20:00; the urgent one needs 12 kWh (1.7 h of its 2 h), the relaxed one 4 kWh.
        PlanScenario sc = PlanScenario.at("18:00").compound(compound().limitKw(20)
                        .pile("P0", Phase.A, null).pile("P1", Phase.A, null).build())
                .baseKw(13).noBaseMargin()
                .session(urgentId, urgentPile, "20:00", 12)
                .session(relaxedId, 1 - urgentPile, "20:00", 4);
        Solved solved = sc.solve();

        assertFeasible(solved);
        List<PlanCandidate> order = solved.problem().candidates();
        assertThat(order.get(0).session().id()).isEqualTo(urgentId);
        assertThat(order.get(0).laxityHours()).isLessThan(order.get(1).laxityHours());
        assertThat(solved.session(urgentId).laxityHours()).isLessThan(solved.session(relaxedId).laxityHours());
        Instant leave = sc.next("20:00");
        double urgent = solved.between(urgentId, sc.now(), leave);
        double relaxed = solved.between(relaxedId, sc.now(), leave);
        assertThat(urgent).isGreaterThanOrEqualTo(12);
        assertThat(relaxed).isLessThan(4).isLessThanOrEqualTo(7 * 2 - urgent + 1e-6);
        assertThat(solved.session(urgentId).shortfallKWh()).isZero();
    }

    @Test
    void aSessionSqueezedOutByRoomReportsTheEnergyItWillMissAsShortfall() {
        // room for one 7.04 kW car at a time; both leave at 20:00 and want about 12 kWh
        PlanScenario sc = PlanScenario.at("18:00").compound(compound().limitKw(20)
                        .pile("P0", Phase.A, null).pile("P1", Phase.A, null).build())
                .baseKw(13).noBaseMargin()
                .session("A", 0, "20:00", 12.5)
                .session("B", 1, "20:00", 12);
        Solved solved = sc.solve();

        assertFeasible(solved);
        String squeezed = solved.problem().candidates().get(1).session().id();
        double beforeLeaving = solved.between(squeezed, sc.now(), sc.next("20:00"));
        assertThat(beforeLeaving).isLessThan(2);
        // likely 12 kWh, at most 1.75 kWh planned (and that after 20:00): about 10 kWh will be missed
        assertThat(solved.session(squeezed).shortfallKWh()).isGreaterThan(8);
    }

    // ------------------------------------------------------------- grid caps

    @Test
    void aGridCapKnownInAdvanceLowersPlannedEvLoadInItsWindowToCapMinusExpectedBase() {
        // six cars that leave at 23:00 and want 12 kWh each: the flat 21-23 hours are where they would charge
        PlanScenario uncapped = PlanScenario.at("18:00").baseKw(20);
        PlanScenario capped = PlanScenario.at("18:00").baseKw(20).cap("21:00", "22:00", 30);
        for (int i = 0; i < 6; i++) {
            uncapped.session("s" + i, i, "23:00", 12);
            capped.session("s" + i, i, "23:00", 12);
        }
        Solved free = uncapped.solve();
        Solved solved = capped.solve();
        assertFeasible(free);
        assertFeasible(solved);

        double margin = capped.settings().baseMarginShare();
        double evRoomKw = 30 - 20 * (1 + margin);
        List<Integer> capWindow = solved.slotsWithin(capped.next("21:00"), capped.next("22:00"));
        assertThat(capWindow).hasSize(4);
        for (int j : capWindow) {
            double evKw = solved.evKwh(j) / solved.hours(j);
            assertThat(solved.problem().limitKw()[j]).isEqualTo(30);
            assertThat(evKw).as("EV kW in capped slot %d", j).isLessThanOrEqualTo(evRoomKw + 1e-6)
                    .isGreaterThan(0.95 * evRoomKw);
            assertThat(solved.plan().evKw(j) + solved.plan().baseKw(j)).isLessThanOrEqualTo(30);
            assertThat(free.evKwh(j) / free.hours(j)).as("without the cap").isGreaterThan(30);
        }
        int before = capWindow.get(0) - 1;
        int after = capWindow.get(capWindow.size() - 1) + 1;
        assertThat(solved.problem().limitKw()[before]).isEqualTo(100);
        assertThat(solved.problem().limitKw()[after]).isEqualTo(100);
        assertThat(solved.evKwh(after) / solved.hours(after)).isGreaterThan(30);
        // what the cap took out of 21-22 is bought earlier, at the peak, rather than not at all
        Instant peakFrom = capped.now();
        Instant peakTo = capped.next("21:00");
        double peakCapped = 0;
        double peakFree = 0;
        for (int i = 0; i < 6; i++) {
            peakCapped += solved.between("s" + i, peakFrom, peakTo);
            peakFree += free.between("s" + i, peakFrom, peakTo);
        }
        assertThat(peakCapped).isGreaterThan(peakFree + 20);
    }

    @Test
    void aCapCoveringPartOfASlotLimitsTheWholeSlot() {
        PlanScenario sc = PlanScenario.at("18:00").cap("21:05", "21:50", 30);
        Solved solved = sc.solve();

        List<Integer> around = solved.slotsWithin(sc.next("20:45"), sc.next("22:00"));
        assertThat(around.stream().map(j -> solved.problem().limitKw()[j]).toList())
                .containsExactly(100.0, 30.0, 30.0, 30.0, 30.0);
    }

    // ------------------------------------------------------------- circuits and lines

    @Test
    void circuitAndLineLimitsHoldInEverySlot() {
        // 60 A lines (13.2 kW each); g1 10 kW feeds g2 6 kW. 15 kW of households, 6 % margin:
        // 7.9 kW left per line.
        Compound c = compound().limitKw(100).phaseLimitA(60)
                .circuit("g1", 10).circuit("g2", 6, "g1")
                .pile("P0", Phase.A, "g2").pile("P1", Phase.B, "g2").pile("P2", Phase.ABC, "g1")
                .pile("P3", Phase.A, null).pile("P4", Phase.A, null).pile("P5", Phase.C, null)
                .pile("P6", Phase.ABC, null)
                .build();
        double threePhaseKw = 16 * KW_PER_A_3PH;
        PlanScenario sc = PlanScenario.at("22:00").compound(c).baseKw(15);
        for (int i = 0; i < 7; i++) {
            boolean abc = c.pile(i).phase() == Phase.ABC;
            sc.session("s" + i, i, "07:00", 30, abc ? threePhaseKw : PILE_KW);
        }
        Solved solved = sc.solve();

        assertFeasible(solved);
        double lineRoomKw = 60 * 0.22 - 15 * 1.06 / 3;
        boolean lineABound = false;
        boolean g2Bound = false;
        for (int j = 0; j < solved.slots(); j++) {
            double h = solved.hours(j);
            double g2 = solved.kwh("s0", j) + solved.kwh("s1", j);
            double g1 = g2 + solved.kwh("s2", j);
            double lineA = solved.kwh("s0", j) + solved.kwh("s3", j) + solved.kwh("s4", j)
                    + (solved.kwh("s2", j) + solved.kwh("s6", j)) / 3;
            assertThat(g2).as("circuit g2, slot %d", j).isLessThanOrEqualTo(6 * h + 1e-7);
            assertThat(g1).as("circuit g1, slot %d", j).isLessThanOrEqualTo(10 * h + 1e-7);
            assertThat(lineA).as("line A, slot %d", j).isLessThanOrEqualTo(lineRoomKw * h + 1e-7);
            lineABound |= lineA > 0.99 * lineRoomKw * h;
            g2Bound |= g2 > 0.99 * 6 * h;
        }
        assertThat(lineABound).as("line A is full in some slot").isTrue();
        assertThat(g2Bound).as("circuit g2 is full in some slot").isTrue();
    }

    // ------------------------------------------------------------- flattening

    @Test
    void theKWhOnlyAnOvernightStayerWantsWaitForTheValleyWhenHabitsPairStayAndEnergy() {
        // Habits: half the time it leaves at 20:30 having taken 5 kWh, half the time it stays
        // until 07:00 and takes 12. Paired, the kWh beyond 8.5 (halfway from 5 to 12) are wanted only by
        // the overnight stayer, so more of them wait for the valley than when the same stays and
        // energies are independent (as when one of them was declared).
        double paired = beforeTheValley(true);
        double independent = beforeTheValley(false);

        assertThat(independent).as("independent: nearly all of it at the peak").isGreaterThan(12.0);
        assertThat(paired).as("paired: about the first 8.5 kWh").isBetween(7.0, 9.0);
    }

    private static double beforeTheValley(boolean paired) {
        PlanScenario sc = PlanScenario.at("18:00");
        double leaveEarly = sc.next("20:30").getEpochSecond();
        double leaveLate = sc.next("07:00").getEpochSecond();
        double[] departures = {leaveEarly, leaveEarly, leaveLate, leaveLate};
        double[] pairing = paired ? departures : new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
        SessionBelief b = new SessionBelief(sc.now(), departures, new double[] {1, 1, 1, 1}, 1800,
                new double[] {5, 5, 12, 12}, new double[] {1, 1, 1, 1}, pairing);
        Solved solved = sc.session(new PlanSession("s", 0, b, 0, PILE_KW)).solve();
        assertFeasible(solved);
        return solved.between("s", sc.now(), sc.next("23:00"));
    }

    @Test
    void twentyIdenticalOvernightSessionsSpreadAcrossTheValleyInsteadOfPilingAtItsStart() {
        PlanScenario sc = PlanScenario.at("22:00").compound(compound200kw(20)).baseKw(40);
        for (int i = 0; i < 20; i++) {
            sc.session("s" + i, i, "07:00", 10);
        }
        Solved solved = sc.solve();

        assertFeasible(solved);
        List<Integer> valley = solved.slotsWithin(sc.next("23:00"), sc.next("06:30"));
        double max = 0;
        double sum = 0;
        for (int j : valley) {
            max = Math.max(max, solved.evKwh(j));
            sum += solved.evKwh(j);
        }
        double mean = sum / valley.size();
        assertThat(sum).isGreaterThan(20 * 10 * 0.9);
        assertThat(max).as("the fullest valley slot against the mean").isLessThan(1.2 * mean);
        assertThat(solved.evKwh(valley.get(0))).as("23:00-23:15").isLessThan(1.2 * mean);
        // all 20 at full power would be 35 kWh a slot
        assertThat(max).isLessThan(0.5 * 20 * PILE_KW * 0.25);
    }

    private static Compound compound200kw(int piles) {
        var b = compound().limitKw(200);
        for (int i = 0; i < piles; i++) {
            b.pile("P" + i, Phase.A, null);
        }
        return b.build();
    }

    // ------------------------------------------------------------- vehicle power

    @Nested
    class VehiclePower {

        @Test
        void aSlowCarIsNeverPlannedMoreThanItsChargerCanTakeEvenInAShortFirstSlot() {
            // 18:07: the first slot is the 8 minutes to 18:15; both must leave at 20:00 and want more than fits
            PlanScenario sc = PlanScenario.at("18:07")
                    .session("slow", 0, "20:00", 20, 3.3)
                    .session("fast", 1, "20:00", 20, PILE_KW);
            Solved solved = sc.solve();

            assertFeasible(solved);
            assertThat(solved.hours(0)).isCloseTo(8 / 60.0, within(EPS));
            assertThat(solved.kwh("slow", 0)).isCloseTo(3.3 * 8 / 60, within(1e-6));
            assertThat(solved.kwh("fast", 0)).isCloseTo(PILE_KW * 8 / 60, within(1e-6));
            for (int j = 1; j < solved.slots(); j++) {
                assertThat(solved.kwh("slow", j)).isLessThanOrEqualTo(3.3 * 0.25 + EPS);
            }
            List<Integer> beforeLeaving = solved.slotsWithin(sc.next("18:15"), sc.next("19:30"));
            for (int j : beforeLeaving) {
                assertThat(solved.kwh("slow", j)).as("slow car, slot %d", j).isCloseTo(3.3 * 0.25, within(1e-6));
            }
        }

        @Test
        void slotsAreQuarterHoursAfterAShortFirstOneUpToTheHorizon() {
            PlanScenario sc = PlanScenario.at("18:07").horizonHours(6);
            Solved solved = sc.solve();

            assertThat(solved.slots()).isEqualTo(1 + 4 * 6 - 1);
            assertThat(solved.plan().slotStart(1)).isEqualTo(sc.next("18:15").getEpochSecond());
            for (int j = 1; j < solved.slots(); j++) {
                assertThat(solved.hours(j)).isEqualTo(0.25);
            }
            assertThat(solved.plan().slotEnd(solved.slots() - 1)).isEqualTo(sc.next("00:00").getEpochSecond());
        }
    }
}
