package org.orderly.gateway.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderly.gateway.core.CompoundFixtures.KW_PER_A_1PH;
import static org.orderly.gateway.core.CompoundFixtures.compound;
import static org.orderly.gateway.core.policy.PolicyBuilder.policyFor;
import static org.orderly.gateway.core.tariff.BeijingTariff.tuesday;
import static org.orderly.gateway.core.tariff.BeijingTariff.wednesday;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.plan.GreedyPlanner;
import org.orderly.gateway.core.policy.CycleSimulator.Car;
import org.orderly.gateway.core.policy.CycleSimulator.Cycle;
import org.orderly.gateway.core.session.Declaration;
import org.orderly.gateway.core.tariff.BeijingTariff;

/**
 * Live, the policy's clock is the wall clock, and NTP may step it: backward after the gateway ran fast, or forward
 * after it booted with a wrong RTC. A simulation's virtual clock never steps back.
 */
class OrderlyPolicyClockStepsTest {
    private static final double PILE_KW = 32 * KW_PER_A_1PH;

    @Test
    void aCarThePlanChargesNowKeepsChargingWhenTheWallClockStepsBackAnHour() {
        Compound c = compound().limitKw(100).pile("P0", Phase.A, null).build();
        CycleSimulator sim = CycleSimulator.orderly(c, tuesday("23:00"));
        // 60 kWh by 07:00 at 7 kW: every minute of the valley is needed
        Car car = sim.plug("car", 0, PILE_KW, 60, new Declaration(wednesday("07:00"), 60));
        sim.runUntil(wednesday("01:00"));
        assertThat(car.lastAmps()).as("charging before the step").isPositive();

        sim.clock.set(wednesday("00:00")); // NTP steps the wall clock back an hour
        List<Cycle> after = sim.runUntil(wednesday("00:10"));

        long stopped = after.stream().filter(k -> k.amps()[0] == 0).count();
        assertThat(stopped).as("cycles of the ten minutes after the step with the car stopped").isLessThanOrEqualTo(1);
    }

    @Test
    void aStoppedCarIsStartedAgainAfterTheSettleTimeWhenTheWallClockStepsBack() {
        // Live settings at one-minute cycles: a stopped car stays stopped for three cycles.
        Compound c = compound().limitKw(40).pile("P0", Phase.A, null).build();
        OrderlySettings live = OrderlySettings.live(CycleSimulator.PENALTY, CycleSimulator.CYCLE);
        CycleSimulator sim = new CycleSimulator(c, tuesday("23:00"),
                policyFor(c, BeijingTariff.tariff(), live).build());
        Car car = sim.plug("car", 0, PILE_KW, 60, new Declaration(wednesday("07:00"), 60));
        sim.base(20).runUntil(tuesday("23:30"));
        assertThat(car.lastAmps()).as("charging").isPositive();

        sim.base(39.5).step(); // the households take the whole transformer: the car is stopped
        assertThat(car.lastAmps()).as("stopped").isZero();
        sim.clock.set(tuesday("23:01")); // and the wall clock steps back half an hour
        List<Cycle> after = sim.base(20).runUntil(tuesday("23:11"));

        long stopped = after.stream().filter(k -> k.amps()[0] == 0).count();
        assertThat(stopped).as("cycles of the ten minutes after the step with the car stopped")
                .isLessThanOrEqualTo(live.settle().getSeconds() / CycleSimulator.CYCLE.getSeconds() + 1);
    }

    @Test
    void aCarStoppedAndStartedAgainBeforeTheWallClockStepsBackIsNotStoppedAgain() {
        Compound c = compound().limitKw(40).pile("P0", Phase.A, null).build();
        OrderlySettings live = OrderlySettings.live(CycleSimulator.PENALTY, CycleSimulator.CYCLE);
        CycleSimulator sim = new CycleSimulator(c, tuesday("23:00"),
                policyFor(c, BeijingTariff.tariff(), live).build());
        Car car = sim.plug("car", 0, PILE_KW, 60, new Declaration(wednesday("07:00"), 60));
        sim.base(20).runUntil(wednesday("00:30"));
        sim.base(39.5).step(); // the households take the whole transformer: the car is stopped at 00:30
        assertThat(car.lastAmps()).as("stopped").isZero();
        sim.base(20).runUntil(wednesday("01:00"));
        assertThat(car.lastAmps()).as("charging again since 00:33").isPositive();

        sim.clock.set(wednesday("00:00")); // the wall clock steps back an hour: the stop lies half an hour ahead
        List<Cycle> after = sim.runUntil(wednesday("00:10"));

        assertWithinLimitAndCharging(after);
    }

    @Test
    void liveTheCarKeepsChargingWhileThePlanMadeAfterTheStepIsSolved() {
        // Live, plans are solved on the planning thread: here one that takes its time.
        Queue<Runnable> planning = new ArrayDeque<>();
        Compound c = compound().limitKw(100).pile("P0", Phase.A, null).build();
        CycleSimulator sim = new CycleSimulator(c, tuesday("23:00"), new OrderlyPolicy(c,
                BeijingTariff.tariff(), OrderlySettings.defaults(CycleSimulator.PENALTY, CycleSimulator.CYCLE),
                new GreedyPlanner(), planning::add));
        Car car = sim.plug("car", 0, PILE_KW, 60, new Declaration(wednesday("07:00"), 60));
        while (sim.now().isBefore(wednesday("01:00"))) {
            sim.step();
            while (!planning.isEmpty()) {
                planning.poll().run();
            }
        }
        assertThat(car.lastAmps()).as("charging before the step").isPositive();

        sim.clock.set(wednesday("00:00"));
        List<Cycle> whileSolving = sim.runUntil(wednesday("00:03")); // the plan asked for is not solved yet

        assertThat(whileSolving).allSatisfy(k -> assertThat(k.amps()[0]).as("at %s", k.at()).isPositive());
    }

    @Test
    void liveCarsKeepChargingWhenTheWallClockStepsForwardPastThePlansEnd() {
        // Three days: the gateway resumed after a suspension, or NTP corrected a clock that was days behind. The plan
        // in force ends 48 h after it was made, so it has no slot for now.
        assertCarsKeepChargingAfterSteps(Duration.ofDays(3));
    }

    @Test
    void liveCarsKeepChargingWhenTheWallClockStepsForwardThreeHours() {
        // Within the plan's horizon, but its slot for now was planned for cars that would have charged meanwhile.
        assertCarsKeepChargingAfterSteps(Duration.ofHours(3));
    }

    @Test
    void liveCarsKeepChargingWhenTheWallClockStepsForwardAndThenBack() {
        assertCarsKeepChargingAfterSteps(Duration.ofDays(3), Duration.ofDays(-3));
    }

    @Test
    void livePlanAskedForBeforeAForwardStepAndTakenUpAfterItIsNotFollowed() {
        Queue<Runnable> planning = new ArrayDeque<>();
        Compound c = twoPiles();
        OrderlySettings live = OrderlySettings.live(CycleSimulator.PENALTY, CycleSimulator.CYCLE);
        CycleSimulator sim = new CycleSimulator(c, tuesday("23:00"), new OrderlyPolicy(c,
                BeijingTariff.tariff(), live, new GreedyPlanner(), planning::add));
        sim.plug("a", 0, PILE_KW, 60, Declaration.NONE);
        sim.plug("b", 1, PILE_KW, 60, Declaration.NONE);
        runSolvingEachCycle(sim.base(20), planning, wednesday("00:45"));
        List<Cycle> after = new ArrayList<>();
        after.add(sim.step()); // the quarter hour's plan is asked for, and is still being solved when
        sim.clock.set(wednesday("00:46").plus(Duration.ofDays(3))); // the wall clock steps forward three days

        after.addAll(runSolvingEachCycle(sim, planning, sim.now().plus(Duration.ofMinutes(10))));

        assertWithinLimitAndCharging(after);
    }

    @Test
    void simulatedCarsKeepChargingWhenTheClockStepsForwardPastThePlansEnd() {
        // Solved within the cycle: the plan made after the step is in force in the step's own cycle.
        Compound c = twoPiles();
        CycleSimulator sim = CycleSimulator.orderly(c, tuesday("23:00"));
        Car a = sim.plug("a", 0, PILE_KW, 60, Declaration.NONE);
        Car b = sim.plug("b", 1, PILE_KW, 60, Declaration.NONE);
        sim.base(20).runUntil(wednesday("01:00"));
        assertThat(a.lastAmps()).as("a charging before the step").isPositive();
        assertThat(b.lastAmps()).as("b charging before the step").isPositive();

        sim.clock.set(wednesday("01:00").plus(Duration.ofDays(3)));
        List<Cycle> after = sim.runUntil(sim.now().plus(Duration.ofMinutes(10)));

        assertWithinLimitAndCharging(after);
    }

    /**
     * Live settings (a stopped car stays stopped for the settle time), and a planning thread that solves each plan
     * before the next cycle. Two cars charge from 23:00; at 01:00 the wall clock makes each of {@code steps}, ten
     * minutes apart. The households take 20 of the 30 kW: less than the two cars could draw.
     */
    private static void assertCarsKeepChargingAfterSteps(Duration... steps) {
        Queue<Runnable> planning = new ArrayDeque<>();
        Compound c = twoPiles();
        OrderlySettings live = OrderlySettings.live(CycleSimulator.PENALTY, CycleSimulator.CYCLE);
        CycleSimulator sim = new CycleSimulator(c, tuesday("23:00"), new OrderlyPolicy(c,
                BeijingTariff.tariff(), live, new GreedyPlanner(), planning::add));
        Car a = sim.plug("a", 0, PILE_KW, 60, Declaration.NONE);
        Car b = sim.plug("b", 1, PILE_KW, 60, Declaration.NONE);
        runSolvingEachCycle(sim.base(20), planning, wednesday("01:00"));
        assertThat(a.lastAmps()).as("a charging before the step").isPositive();
        assertThat(b.lastAmps()).as("b charging before the step").isPositive();

        List<Cycle> after = new ArrayList<>();
        for (Duration step : steps) {
            sim.clock.set(sim.now().plus(step));
            after.addAll(runSolvingEachCycle(sim, planning, sim.now().plus(Duration.ofMinutes(10))));
        }

        assertWithinLimitAndCharging(after);
    }

    private static List<Cycle> runSolvingEachCycle(CycleSimulator sim, Queue<Runnable> planning, Instant until) {
        List<Cycle> cycles = new ArrayList<>();
        while (sim.now().isBefore(until)) {
            cycles.add(sim.step());
            while (!planning.isEmpty()) {
                planning.poll().run();
            }
        }
        return cycles;
    }

    private static void assertWithinLimitAndCharging(List<Cycle> cycles) {
        assertThat(cycles).allSatisfy(k -> assertThat(k.offeredEvKw() + k.baseKw()).as("EV + households at %s", k.at())
                .isLessThanOrEqualTo(k.limitKw() + 1e-9));
        List<String> stopped = new ArrayList<>();
        for (Cycle k : cycles) {
            for (int pile = 0; pile < k.amps().length; pile++) {
                if (k.amps()[pile] == 0) {
                    stopped.add("P" + pile + " at " + k.at());
                }
            }
        }
        assertThat(stopped).as("cars stopped").isEmpty();
    }

    private static Compound twoPiles() {
        return compound().limitKw(30).pile("P0", Phase.A, null).pile("P1", Phase.B, null).build();
    }
}
