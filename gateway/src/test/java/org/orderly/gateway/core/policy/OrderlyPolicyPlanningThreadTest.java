package org.orderly.gateway.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.CompoundFixtures;
import org.orderly.gateway.core.limit.Allocation;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.plan.GreedyPlanner;
import org.orderly.gateway.core.plan.Plan;
import org.orderly.gateway.core.plan.PlanProblem;
import org.orderly.gateway.core.plan.Planner;
import org.orderly.gateway.core.session.Declaration;
import org.orderly.gateway.core.session.PluggedSession;
import org.orderly.gateway.core.tariff.BeijingTariff;
import org.orderly.gateway.core.time.VirtualClock;

/** Live, plans are solved off the control thread: the cycle hands the problem over and goes on. */
class OrderlyPolicyPlanningThreadTest {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private final Compound compound = CompoundFixtures.compound().limitKw(100).pile("P1", Phase.A, null).build();
    private final VirtualClock clock = new VirtualClock(Instant.parse("2026-01-13T15:00:00Z"), ZONE); // 23:00 local

    private OrderlyPolicy policy(Planner planner, Executor planning) {
        return new OrderlyPolicy(compound, BeijingTariff.tariff(),
                OrderlySettings.defaults(1.8, Duration.ofSeconds(1)), planner, planning);
    }

    private Snapshot plugged(double deliveredKWh, double lastDrawKw) {
        PluggedSession s = new PluggedSession("s1", 0, Instant.parse("2026-01-13T14:00:00Z"),
                new Declaration(Instant.parse("2026-01-13T17:00:00Z"), 10), deliveredKWh, lastDrawKw);
        return new Snapshot(clock.instant(), 20, List.of(s), List.of());
    }

    @Test
    void aCycleDoesNotWaitForThePlanAndTakesItUpOnceSolved() {
        HeldPlanningThread planningThread = new HeldPlanningThread();
        OrderlyPolicy policy = policy(new GreedyPlanner(), planningThread);

        Allocation arrival = policy.decide(plugged(0, 0)); // a new car: a plan is asked for
        assertThat(planningThread.held).hasSize(1);
        assertThat(policy.plansMade()).isZero();
        // the cycle did not wait: the car waits for the plan that includes it
        assertThat(arrival.amps()[0]).isZero();
        clock.advanceSeconds(1);
        assertThat(policy.decide(plugged(0, 0)).amps()[0]).as("still waiting").isZero();

        planningThread.runAll();
        clock.advanceSeconds(1);
        // 23:00 local, leaving at 01:00 with 10 kWh: the plan has it charge now
        Allocation probe = policy.decide(plugged(0, 0));
        assertThat(policy.plansMade()).isEqualTo(1);
        assertThat(policy.plan().session("s1").targetKWh()).isGreaterThan(5);
        assertThat(probe.amps()[0]).as("probed at its first planned draw").isEqualTo(32);

        clock.advanceSeconds(1);
        Allocation answered = policy.decide(plugged(0.002, 7.04)); // the probe's answer asks for another plan
        assertThat(planningThread.held).hasSize(1);
        // the plan in force planned the car at the power it assumed: the car keeps what it showed it can draw while
        // the plan that knows it is solved, not a cycle at that assumed power
        assertThat(answered.amps()[0]).isEqualTo(32);
        clock.advanceSeconds(1);
        assertThat(policy.decide(plugged(0.004, 7.04)).amps()[0]).as("still solving").isEqualTo(32);

        planningThread.runAll();
        clock.advanceSeconds(1);
        Allocation byTheNewPlan = policy.decide(plugged(0.006, 7.04));
        assertThat(policy.plansMade()).isEqualTo(2);
        assertThat(byTheNewPlan.amps()[0]).isBetween(6.0, 32.0);
    }

    /**
     * The page fetches its chart again when the date of the plan its cycle decided with changes. The first cycle asks
     * for the first plan and, with the plan solved on the planning thread, decides with the plan in force before it:
     * the two must not share a date, or the page would not draw the first plan until the next.
     */
    @Test
    void theFirstPlanIsDatedApartFromThePlanInForceBeforeIt() {
        HeldPlanningThread planningThread = new HeldPlanningThread();
        OrderlyPolicy policy = policy(new GreedyPlanner(), planningThread);

        Instant firstCycle = clock.instant();
        policy.decide(plugged(0, 0));
        Plan decidedWith = policy.planInForce().orElseThrow();
        planningThread.runAll();
        clock.advanceSeconds(1);
        policy.decide(plugged(0, 0));

        assertThat(decidedWith.slotCount()).as("nothing planned before the first plan").isZero();
        assertThat(policy.plan().createdAt()).as("the first plan, asked for at the first cycle").isEqualTo(firstCycle);
        assertThat(decidedWith.createdAt()).as("the plan the first cycle decided with").isNotEqualTo(firstCycle);
    }

    @Test
    void aNewCarWaitsForItsPlanNoLongerThanTheSettleTimeWhenThePlanningThreadNeverReturns() {
        // Live settings: a 30 s settle time at 1 s cycles. The planning thread takes the problem and never solves it.
        HeldPlanningThread stuck = new HeldPlanningThread();
        OrderlyPolicy policy = new OrderlyPolicy(compound, BeijingTariff.tariff(), LiveSettings.of(1.8),
                new GreedyPlanner(), stuck);
        int waited = 0;
        while (policy.decide(plugged(0, 0)).amps()[0] == 0 && waited < 100) {
            assertThat(policy.reasons().get(0)).as("reason at cycle %d", waited).isEqualTo(PileReason.WAITING_FOR_PLAN);
            waited++;
            clock.advanceSeconds(1);
        }
        assertThat(waited).as("cycles the new car waited for a plan that never came").isEqualTo(30);
        assertThat(policy.decide(plugged(0, 7.04)).amps()[0]).as("charged as fast as the live room allows")
                .isEqualTo(32);
        assertThat(policy.reasons().get(0)).isEqualTo(PileReason.CHARGING);
        assertThat(stuck.held).as("the plan asked for at its arrival, still not solved").hasSize(1);
    }

    @Test
    void aCarFoundDrawingLessThanItsPilesMinimumIsOfferedTheMinimumWhileItsNextPlanIsSolved() {
        // Live settings: a 30 s settle time at 1 s cycles. The car draws 1 kW, less than the pile's 6 A (1.38 kW).
        HeldPlanningThread planningThread = new HeldPlanningThread();
        OrderlyPolicy policy = new OrderlyPolicy(compound, BeijingTariff.tariff(), LiveSettings.of(1.8),
                new GreedyPlanner(), planningThread);
        policy.decide(plugged(0, 0));
        planningThread.runAll();
        double kwh = 0;
        double draw = 0;
        for (int cycle = 0; cycle < 60; cycle++) {
            clock.advanceSeconds(1);
            Allocation a = policy.decide(plugged(kwh, draw));
            // 23:00 local, 10 kWh by 01:00: the plan has it charge now, first probed at the pile's 32 A. Its answer
            // (below the offer for the settle time) asks for the plan that knows it, held on the planning thread.
            assertThat(a.amps()[0]).as("offer at cycle %d", cycle).isBetween(6.0, 32.0);
            assertThat(policy.reasons().get(0)).as("reason at cycle %d", cycle).isEqualTo(PileReason.CHARGING);
            draw = Math.min(1.0, compound.kw(0, a.amps()[0]));
            kwh += draw / 3600;
        }
        assertThat(planningThread.held).as("the plan that knows the slow car, asked for and not yet solved")
                .hasSize(1);
    }

    @Test
    void aPlannerThatThrowsLeavesThePreviousPlanAndIsCounted() {
        Planner failing = new Planner() {
            @Override
            public org.orderly.gateway.core.plan.Plan solve(PlanProblem problem) {
                throw new IllegalStateException("solver broke");
            }
        };
        OrderlyPolicy policy = policy(failing, Runnable::run);

        Allocation probe = policy.decide(plugged(0, 0));
        clock.advanceSeconds(1);
        Allocation a = policy.decide(plugged(0.002, 7.04));

        assertThat(policy.planFailures()).isEqualTo(2); // the plan for the new car, and the one its probe asked for
        assertThat(policy.lastPlanFailure()).hasMessage("solver broke");
        // no plan knows the car and none is being made: it is probed at once, then charged as fast as the live room
        // allows, never beyond it
        assertThat(probe.amps()[0]).isEqualTo(32);
        assertThat(a.amps()[0]).isEqualTo(32);
    }
    @Test
    void aPlannerErrorOnThePlanningThreadDoesNotStopAllPlanningForGood() {
        // A pool's worker thread dies of an Error (a StackOverflowError, an OutOfMemoryError in a large compound) and
        // the pool replaces it, as Executors.newSingleThreadExecutor does live.
        Executor pool = task -> {
            try {
                task.run();
            } catch (Error e) {
                // the worker thread's uncaught-exception handler logs it; a new worker takes the next task
            }
        };
        GreedyPlanner greedy = new GreedyPlanner();
        int[] calls = {0};
        Planner oncePoorly = problem -> {
            if (calls[0]++ == 0) {
                throw new StackOverflowError();
            }
            return greedy.solve(problem);
        };
        OrderlyPolicy policy = policy(oncePoorly, pool);

        Allocation last = policy.decide(plugged(0, 0));
        for (int k = 0; k < 20 * 60; k++) { // twenty minutes: past the next scheduled re-plan
            clock.advanceSeconds(1);
            last = policy.decide(plugged(0, last.amps()[0] * 0.22));
        }

        assertThat(policy.plansMade()).as("plans made since").isPositive();
        assertThat(policy.planFailures()).as("the failed plan is counted").isEqualTo(1);
        // 23:20 local, leaving at 01:00 with 10 kWh: the car charges
        assertThat(last.amps()[0]).as("the new car's current after twenty minutes").isPositive();
    }
}
