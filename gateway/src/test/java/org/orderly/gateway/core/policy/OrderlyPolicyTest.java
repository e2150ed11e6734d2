package org.orderly.gateway.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.orderly.gateway.core.CompoundFixtures.KW_PER_A_1PH;
import static org.orderly.gateway.core.CompoundFixtures.compound;
import static org.orderly.gateway.core.tariff.BeijingTariff.tuesday;
import static org.orderly.gateway.core.tariff.BeijingTariff.wednesday;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.plan.Plan;
import org.orderly.gateway.core.plan.SessionPlan;
import org.orderly.gateway.core.policy.CycleSimulator.Car;
import org.orderly.gateway.core.policy.CycleSimulator.Cycle;
import org.orderly.gateway.core.session.Declaration;
import org.orderly.gateway.core.tariff.BeijingTariff;

/**
 * The product policy driven cycle by cycle (one-minute cycles) on a Tuesday evening in Beijing:
 * peak 18-21, flat 21-23, valley 23-07. Unless a scenario says otherwise: a 100 kW transformer,
 * ten single-phase 6..32 A piles (7.04 kW at 32 A), 30 kW of households.
 */
class OrderlyPolicyTest {
    private static final double PILE_KW = 32 * KW_PER_A_1PH;
    private static final double TOL = 1e-6;
    private static final ZoneId BEIJING = BeijingTariff.ZONE;

    private static Compound tenPiles() {
        return tenPiles(100);
    }

    private static Compound tenPiles(double limitKw) {
        var b = compound().limitKw(limitKw);
        for (int i = 0; i < 10; i++) {
            b.pile("P" + i, Phase.A, null);
        }
        return b.build();
    }

    /** Leaves tomorrow at {@code hhmm} and wants {@code kWh}, as the resident says. */
    private static Declaration declares(String hhmm, double kWh) {
        return new Declaration(wednesday(hhmm), kWh);
    }

    private static void assertNoOverload(List<Cycle> cycles) {
        for (Cycle c : cycles) {
            assertThat(c.offeredEvKw() + c.baseKw()).as("EV + households at %s", c.at())
                    .isLessThanOrEqualTo(c.limitKw() + 1e-9);
        }
    }

    @Test
    void aNewVehicleWaitsOutThePeakAsPlannedAndIsProbedAtItsFirstPlannedDraw() {
        CycleSimulator sim = CycleSimulator.orderly(tenPiles(), tuesday("18:30"));
        Car car = sim.plug("car", 0, PILE_KW, 20, declares("07:00", 20));

        sim.runUntil("07:00");

        assertThat(car.ampsBetween(tuesday("18:30"), tuesday("21:00"))).as("at the peak").containsOnly(0.0);
        Instant probe = car.firstOffer();
        assertThat(probe).as("first offer, once the price falls").isAfterOrEqualTo(tuesday("21:00"));
        assertThat(car.ampsAt(probe)).as("the probe: the pile's maximum").isEqualTo(32);
        assertThat(car.deliveredKWh).isCloseTo(20, within(TOL));
    }

    /**
     * Before its first draw a car is planned as a slow one, so the plan keeps time enough for a slow charger; the
     * probe at its first planned draw shows the limit, and the plan then keeps to it.
     */
    @ParameterizedTest
    @ValueSource(doubles = {3.3, 7.0})
    void aCarIsPlannedAsSlowUntilItsProbeShowsItsChargerLimit(double chargerKw) {
        CycleSimulator sim = CycleSimulator.orderly(tenPiles(), tuesday("18:30"));
        Car car = sim.plug("car", 0, chargerKw, 24, declares("07:00", 24));

        sim.step(); // planned at once, at 3.3 kW: 24 kWh by 07:00 needs the evening too, so it is probed now
        assertThat(mostPlannedPerHour(sim)).as("before its first draw").isLessThanOrEqualTo(3.3 + TOL);
        assertThat(car.lastAmps()).as("the probe").isEqualTo(32);
        sim.step(); // planned again at what it drew
        if (chargerKw < 3.3 + TOL) {
            assertThat(mostPlannedPerHour(sim)).as("after its probe").isLessThanOrEqualTo(chargerKw + TOL);
        }
        sim.runUntil("07:00");
        assertThat(car.deliveredKWh).isCloseTo(24, within(0.05));
    }

    /** The most energy per hour the plan gives the session "car" in any slot. */
    private static double mostPlannedPerHour(CycleSimulator sim) {
        Plan plan = sim.orderlyPolicy().plan();
        SessionPlan sp = plan.session("car");
        double most = 0;
        for (int j = 0; j < plan.slotCount(); j++) {
            most = Math.max(most, sp.kwhInSlot(j) / ((plan.slotEnd(j) - plan.slotStart(j)) / 3600.0));
        }
        return most;
    }

    @Test
    void aProbeCutShortByItsCircuitStillEndsAndTheCarThenFollowsThePlan() {
        Compound c = compound().circuit("garage", 5).pile("P0", Phase.A, "garage").build();
        CycleSimulator sim = CycleSimulator.orderly(c, tuesday("18:30"));
        Car car = sim.plug("car", 0, PILE_KW, 20, declares("07:00", 20));

        sim.runUntil("07:00");

        assertThat(car.ampsAt(car.firstOffer())).as("the probe, cut by the circuit")
                .isCloseTo(5 / KW_PER_A_1PH, within(0.1));
        assertThat(car.deliveredBetween(tuesday("18:30"), tuesday("21:00"))).as("charged at the peak").isZero();
        assertThat(car.deliveredKWh).isCloseTo(20, within(TOL));
        // Had the probe not ended, every later offer would again be all the circuit allows.
        assertThat(car.ampsBetween(car.firstOffer().plusSeconds(60), wednesday("07:00")))
                .as("offers after the probe, by the plan").anyMatch(a -> a > 0 && a < 5 / KW_PER_A_1PH - 1);
    }

    @Test
    void aCarThePlanCannotServeBeforeItLeavesTakesTheSpareLiveRoom() {
        // 60 kW transformer, 50 kW of households read at 18:00 and steady. A new gateway's forecast
        // expects the evening to rise (typical day shape) and adds its 6 % margin, so the plan leaves
        // the car less than it needs before 20:00; the live room is 10 kW all along.
        CycleSimulator sim = CycleSimulator.orderly(tenPiles(60), tuesday("18:00")).base(50);
        Car car = sim.plug("car", 0, PILE_KW, 12, new Declaration(tuesday("20:00"), 12));

        List<Cycle> cycles = sim.runUntil("20:00");

        assertNoOverload(cycles);
        assertThat(car.deliveredKWh).as("delivered by 20:00").isCloseTo(12, within(0.1));
    }

    @Test
    void aVehicleThatStopsDrawingWhileOfferedCurrentIsFullAndGetsNothingMore() {
        CycleSimulator sim = CycleSimulator.orderly(tenPiles(), tuesday("23:30"));
        Car car = sim.plug("car", 0, PILE_KW, 3, Declaration.NONE);

        sim.runUntil("07:00");

        int full = -1;
        for (int k = 0; k < car.amps.size(); k++) {
            if (car.amps.get(k) > 0 && car.draws.get(k) == 0) {
                full = k;
                break;
            }
        }
        assertThat(full).as("the cycle it was offered current and drew none").isPositive();
        assertThat(car.deliveredKWh).isCloseTo(3, within(TOL));
        assertThat(car.amps.subList(full + 1, car.amps.size())).containsOnly(0.0);
        assertThat(sim.orderlyPolicy().plan().session("car")).as("no longer planned").isNull();
    }

    @Test
    void aNewGridCapIsObeyedInTheVeryCycleItIsFirstSeen() {
        CycleSimulator sim = CycleSimulator.orderly(tenPiles(), tuesday("23:00")).base(40);
        for (int i = 0; i < 8; i++) {
            sim.plug("car" + i, i, PILE_KW, 40, declares("07:00", 40));
        }
        List<Cycle> before = sim.runUntil("23:30");
        assertThat(before.get(before.size() - 1).offeredEvKw()).as("EV load before the cap").isGreaterThan(20);

        sim.capNow("evening-cap", "01:00", 50);
        Cycle first = sim.step();
        List<Cycle> during = sim.runUntil("01:00");
        List<Cycle> after = sim.runUntil("01:30");

        assertThat(first.limitKw()).isEqualTo(50);
        assertThat(first.offeredEvKw() + first.baseKw()).isLessThanOrEqualTo(50);
        assertThat(first.offeredEvKw()).as("still uses what the cap leaves").isGreaterThan(5);
        assertNoOverload(during);
        assertThat(after.get(after.size() - 1).offeredEvKw()).as("EV load after the cap").isGreaterThan(20);
    }

    @Test
    void householdLoadFarAboveTheForecastIsCutAtOnceByTheLimiter() {
        CycleSimulator sim = CycleSimulator.orderly(tenPiles(), tuesday("21:00")).base(30);
        for (int i = 0; i < 10; i++) {
            sim.plug("car" + i, i, PILE_KW, 50, declares("07:00", 50));
        }
        List<Cycle> evening = sim.runUntil("23:37");
        assertThat(evening.get(evening.size() - 1).offeredEvKw()).as("planned EV load at 23:36").isGreaterThan(60);

        // mid-slot, long before the next plan: every household switches its heater on
        sim.base(85);
        Cycle jump = sim.step();
        List<Cycle> high = sim.runUntil("23:52");
        sim.base(99.5);
        Cycle nearlyFull = sim.step();

        assertThat(jump.offeredEvKw() + 85).isLessThanOrEqualTo(100);
        assertThat(jump.offeredEvKw()).as("the 15 kW left are still used").isGreaterThan(14);
        assertNoOverload(high);
        assertThat(nearlyFull.offeredEvKw()).as("less room than one car's minimum").isZero();
        assertNoOverload(sim.cycles);
    }

    @Test
    void aSessionThatMustLeaveAt20ChargesAtThePeakWhileAnOvernightNeighbourWaits() {
        CycleSimulator sim = CycleSimulator.orderly(tenPiles(), tuesday("18:00"));
        Car early = sim.plug("early", 0, PILE_KW, 10, new Declaration(tuesday("20:00"), 10));
        Car overnight = sim.plug("overnight", 1, PILE_KW, 10, declares("07:00", 10));

        sim.runUntil("20:00");
        sim.unplug("early");
        sim.runUntil("07:00");

        assertThat(early.deliveredKWh).isCloseTo(10, within(TOL));
        assertThat(overnight.deliveredBetween(tuesday("18:01"), tuesday("23:00"))).isZero();
        assertThat(overnight.deliveredKWh).isCloseTo(10, within(TOL));
    }

    @Test
    void itReplansForANewVehicleADepartureANewCapAndEveryQuarterHourButNotOtherwise() {
        CycleSimulator sim = CycleSimulator.orderly(tenPiles(), tuesday("18:00"));
        OrderlyPolicy policy = sim.orderlyPolicy();
        sim.runUntil("18:05");
        assertThat(policy.plansMade()).as("the first cycle").isEqualTo(1);

        sim.plug("car", 0, 3.3, 10, Declaration.NONE);
        sim.step(); // planned at once; probed if the plan would have it charge now
        sim.step(); // if probed, it drew 3.3 kW of the 7.04 offered
        int afterArrival = policy.plansMade();
        assertThat(afterArrival).as("arrival, and the probe's result if any").isBetween(2, 3);
        assertThat(policy.plan().session("car")).as("planned for").isNotNull();
        assertThat(policy.plan().createdAt()).isEqualTo(tuesday("18:06"));
        sim.runUntil("18:10");
        assertThat(policy.plansMade()).as("nothing new").isEqualTo(afterArrival);
        sim.unplug("car");
        sim.step();
        assertThat(policy.plansMade()).as("departure").isEqualTo(afterArrival + 1);
        sim.capNow("cap", "20:00", 60);
        sim.step();
        assertThat(policy.plansMade()).as("new cap").isEqualTo(afterArrival + 2);
        sim.runUntil("18:15");
        assertThat(policy.plansMade()).isEqualTo(afterArrival + 2);
        sim.runUntil("18:46");
        assertThat(policy.plansMade()).as("18:15, 18:30, 18:45").isEqualTo(afterArrival + 5);
    }

    @Test
    void aDayOfArrivalsAndDeparturesNeverOverloadsAndEverySetpointIsValid() {
        Compound c = compound().limitKw(60).phaseLimitA(100)
                .circuit("garage", 20).circuit("row", 12, "garage")
                .pile("P0", Phase.A, "row").pile("P1", Phase.B, "row").pile("P2", Phase.C, "row")
                .pile("P3", Phase.ABC, "garage").pile("P4", Phase.A, 8, 16, "garage")
                .pile("P5", Phase.B, null).pile("P6", Phase.C, null).pile("P7", Phase.ABC, null)
                .build();
        CycleSimulator sim = CycleSimulator.orderly(c, tuesday("17:00")).base(25);
        double[] charger = {7.04, 3.3, 7.04, 11, 3.5, 7.04, 6.6, 11};
        String[] arrive = {"17:10", "17:40", "18:05", "18:20", "18:55", "19:30", "20:10", "21:45"};
        String[] leave = {"07:10", "20:30", "06:40", "08:00", "22:00", "07:30", "07:50", "06:00"};
        double[] wants = {30, 8, 20, 45, 10, 25, 15, 40};
        double[] leftWith = new double[8];
        Instant end = wednesday("09:00");
        while (sim.now().isBefore(end)) {
            String hhmm = sim.now().atZone(BEIJING).toLocalTime().toString();
            for (int i = 0; i < 8; i++) {
                if (hhmm.equals(arrive[i])) {
                    sim.plug("car" + i, i, charger[i], wants[i], Declaration.NONE);
                }
                if (hhmm.equals(leave[i])) {
                    leftWith[i] = sim.cars.get("car" + i).deliveredKWh;
                    sim.unplug("car" + i);
                }
            }
            double hour = sim.now().atZone(BEIJING).getHour();
            sim.base(hour >= 18 && hour < 22 ? 38 : 22);
            sim.step();
        }

        assertNoOverload(sim.cycles);
        for (Cycle cy : sim.cycles) {
            double row = 0;
            double garage = 0;
            double[] line = new double[3];
            for (int i = 0; i < c.pileCount(); i++) {
                double kw = c.kw(i, cy.amps()[i]);
                garage += i < 5 ? kw : 0;
                row += i < 3 ? kw : 0;
                for (int l = 0; l < 3; l++) {
                    line[l] += kw * c.pile(i).phase().shareOnLine(l);
                }
            }
            assertThat(row).as("row circuit at %s", cy.at()).isLessThanOrEqualTo(12 + 1e-9);
            assertThat(garage).as("garage circuit at %s", cy.at()).isLessThanOrEqualTo(20 + 1e-9);
            for (int l = 0; l < 3; l++) {
                // 100 A at 220 V per line, less a third of the households
                assertThat(line[l]).as("line %d at %s", l, cy.at()).isLessThanOrEqualTo(22 - cy.baseKw() / 3 + 1e-9);
            }
        }
        // every car that stayed the night left with all it wanted
        for (int i : new int[] {0, 2, 3, 5, 6, 7}) {
            assertThat(leftWith[i]).as("car%d", i).isCloseTo(wants[i], within(TOL));
        }
    }
}
