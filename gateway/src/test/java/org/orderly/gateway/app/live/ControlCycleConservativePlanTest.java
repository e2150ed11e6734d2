package org.orderly.gateway.app.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.orderly.gateway.core.policy.PolicyBuilder.policyFor;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.CompoundFixtures;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.plan.GreedyPlanner;
import org.orderly.gateway.core.plan.Plan;
import org.orderly.gateway.core.policy.HeldPlanningThread;
import org.orderly.gateway.core.policy.LiveSettings;
import org.orderly.gateway.core.policy.OrderlyPolicy;
import org.orderly.gateway.core.policy.PileReason;
import org.orderly.gateway.core.session.Declaration;
import org.orderly.gateway.core.session.PastSession;
import org.orderly.gateway.core.tariff.BeijingTariff;
import org.orderly.gateway.core.time.VirtualClock;

/**
 * A transformer meter that misses a reading (a DL/T 645 frame lost, a Modbus timeout) runs a cycle or more in
 * conservative mode: only the safe EV power is shared. Tuesday 19:00 in Beijing, the evening peak (valley 23-07); two
 * cars plugged in: the first, leaving at 07:00 with 20 kWh to take, the plan holds for the night valley; the second leaves at 20:00
 * with 7 kWh to take, so the plan charges it now. The meter's reading then goes stale for a cycle, and comes back; or
 * for 20 minutes, while a third car plugs in.
 */
class ControlCycleConservativePlanTest {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final double HOUSEHOLDS_KW = 30;
    private static final double SAFE_EV_KW = 10;

    private final Compound compound = CompoundFixtures.compound().limitKw(100)
            .pile("P1", Phase.A, null).pile("P2", Phase.B, null).pile("P3", Phase.C, null).build();
    private final VirtualClock clock = new VirtualClock(Instant.parse("2026-01-13T11:00:00Z"), ZONE); // 19:00
    private final OrderlyPolicy policy = policyFor(compound, BeijingTariff.tariff(), LiveSettings.of(1.8)).build();
    private final StaleReadingRig rig = new StaleReadingRig(compound, clock, HOUSEHOLDS_KW);

    ControlCycleConservativePlanTest() {
        rig.plugged[2] = false; // the third pile gets a car only where a test says so
        rig.use(policy, SAFE_EV_KW);
    }

    /** Both cars plugged in and planned for: the first waiting for the valley, the second charging. */
    private CycleResult planned() {
        CycleResult r = rig.run(null, false);
        rig.cycle().sessions().declare(0, new Declaration(clock.instant().plusSeconds(12 * 3600), 20));
        rig.cycle().sessions().declare(1, new Declaration(clock.instant().plusSeconds(3600), 7));
        for (int i = 0; i < 5; i++) {
            rig.advanceSeconds(1);
            r = rig.run(r, false);
        }
        assertThat(r.mode()).isEqualTo(ControlMode.NORMAL);
        assertThat(r.allocation().amps()[0]).isZero();
        assertThat(r.reasons().get(0)).isEqualTo(PileReason.WAITING_FOR_CHEAPER_PERIOD);
        assertThat(r.allocation().amps()[1]).isGreaterThanOrEqualTo(6);
        assertThat(r.reasons().get(1)).isEqualTo(PileReason.CHARGING);
        return r;
    }

    @Test
    void aCarThePlanHoldsForTheValleyStaysHeldThroughAStaleReading() {
        CycleResult r = planned();
        double chargingA = r.allocation().amps()[1];

        for (int i = 0; i < 3; i++) {
            rig.advanceSeconds(1);
            r = rig.run(r, true);
            assertThat(r.mode()).isEqualTo(ControlMode.CONSERVATIVE);
            // The waiting car not started at the peak price; the charging car as its plan has it (the safe power
            // allows it), not cut to share the safe power with the waiting one.
            assertThat(Arrays.copyOf(r.allocation().amps(), 2)).as("amperes in stale cycle %d", i + 1)
                    .containsExactly(new double[] {0, chargingA}, within(1e-9));
            assertThat(r.reasons().subList(0, 2)).as("reasons in stale cycle %d", i + 1)
                    .containsExactly(PileReason.WAITING_FOR_CHEAPER_PERIOD, PileReason.METER_STALE);
        }

        rig.advanceSeconds(1);
        r = rig.run(r, false);

        assertThat(r.mode()).isEqualTo(ControlMode.NORMAL);
        assertThat(r.allocation().amps()[0]).isZero();
        assertThat(r.reasons().get(0)).isEqualTo(PileReason.WAITING_FOR_CHEAPER_PERIOD);
        assertThat(r.allocation().amps()[1]).as("the charging car goes on, not stopped for the settle time")
                .isCloseTo(chargingA, within(1e-9));
        assertThat(r.reasons().get(1)).isEqualTo(PileReason.CHARGING);
    }

    @Test
    void aMeterStaleEveryOtherCycleDoesNotMakeThePolicyTakeTheCarItChargesForFull() {
        // A safe EV power below a pile's least current (6 A, 1.32 kW): each stale cycle gives the charging car nothing.
        rig.use(policy, 1.0);
        CycleResult r = planned();
        double chargingA = r.allocation().amps()[1];

        // For longer than the policy's settle time (30 s live), every other reading comes too late: each fresh cycle
        // sees the car drawing nothing, as the stale one before it gave it. A stale cycle's stop is a stop: the fresh
        // cycles after it do not start the car again before the settle time is out.
        int starts = 0;
        for (int s = 0; s < 40; s++) {
            rig.advanceSeconds(1);
            r = rig.run(r, true);
            assertThat(r.allocation().amps()[1]).isZero();
            rig.advanceSeconds(1);
            r = rig.run(r, false);
            assertThat(r.reasons().get(1)).as("not taken for full").isNotEqualTo(PileReason.FULL);
            starts += r.allocation().amps()[1] > 0 ? 1 : 0;
        }
        assertThat(starts).as("started in 80 s, each start stopped by the next stale cycle").isLessThanOrEqualTo(3);
        for (int s = 0; s < 30; s++) {
            rig.advanceSeconds(1);
            r = rig.run(r, false);
        }

        assertThat(r.reasons().get(1)).as("not taken for full: it drew nothing because it was given nothing")
                .isEqualTo(PileReason.CHARGING);
        assertThat(r.allocation().amps()[1]).isCloseTo(chargingA, within(0.5));
    }

    /** The policy, its plans solved on a planning thread the test runs between cycles: taken up a cycle later. */
    private OrderlyPolicy withPlanningThread(HeldPlanningThread planning) {
        OrderlyPolicy live = new OrderlyPolicy(compound, BeijingTariff.tariff(), LiveSettings.of(1.8),
                new GreedyPlanner(), planning);
        rig.use(live, SAFE_EV_KW);
        return live;
    }

    @Test
    void aCarArrivingInASpellWaitsForItsPlanInsteadOfStartingOnlyToBeStopped() {
        HeldPlanningThread planning = new HeldPlanningThread();
        OrderlyPolicy live = withPlanningThread(planning);
        // P3's resident comes at 19:00 and leaves at 07:00 with 20 kWh, every day of the last two weeks.
        for (int d = 1; d <= 14; d++) {
            Instant came = clock.instant().minus(Duration.ofDays(d));
            live.remember(new PastSession(2, came, came.plus(Duration.ofHours(12)), 20, Declaration.NONE, true));
        }
        rig.plugged[0] = false;
        rig.plugged[1] = false;
        CycleResult r = rig.run(null, false);
        planning.runAll();
        for (int s = 0; s < 5; s++) {
            rig.advanceSeconds(1);
            r = rig.run(r, true);
            planning.runAll();
        }
        // 19:00:06, the evening peak, in a spell: P3's car plugs in; its plan will hold it for the night valley.
        rig.plugged[2] = true;
        for (int s = 0; s < 60; s++) {
            rig.advanceSeconds(1);
            r = rig.run(r, true);
            assertThat(r.mode()).isEqualTo(ControlMode.CONSERVATIVE);
            // Before its plan is taken up (the planning thread solves it between cycles), the safe power would start
            // it, and the plan would stop it a cycle later: a start and stop of the contactor for nothing.
            assertThat(r.allocation().amps()[2]).as("the new car's amperes %d s after it came", s + 1).isZero();
            assertThat(r.reasons().get(2)).as("the new car's reason %d s after it came", s + 1)
                    .isEqualTo(s == 0 ? PileReason.METER_STALE : PileReason.WAITING_FOR_CHEAPER_PERIOD);
            planning.runAll();
        }
    }

    @Test
    void aCarWhosePlanDoesNotComeWaitsForItAsLongAsTheSettleTimeAndThenSharesTheSafePower() {
        // A planning thread that never gets to solve: no plan is ever in force.
        OrderlyPolicy unplanned = new OrderlyPolicy(compound, BeijingTariff.tariff(), LiveSettings.of(1.8),
                new GreedyPlanner(), work -> { });
        rig.use(unplanned, SAFE_EV_KW);
        CycleResult r = rig.run(null, false);
        assertThat(r.allocation().amps()).as("waiting while its first plan is solved").containsOnly(0.0);

        // Until 2026-12-04 they shared the safe power at the first stale cycle, a cycle before a plan (that came) held
        // them; now each waits for its plan, but no longer than the settle time (30 s live, 30 cycles, in either mode:
        // the first, fresh, and 29 stale ones).
        for (int s = 0; s < 29; s++) {
            rig.advanceSeconds(1);
            r = rig.run(r, true);
            assertThat(r.mode()).isEqualTo(ControlMode.CONSERVATIVE);
            assertThat(Arrays.copyOf(r.allocation().amps(), 2)).as("stale cycle %d, waiting for a plan", s + 1)
                    .containsOnly(0.0);
            assertThat(r.reasons().subList(0, 2)).containsOnly(PileReason.METER_STALE);
        }
        rig.advanceSeconds(1);
        r = rig.run(r, true);

        assertThat(Arrays.copyOf(r.allocation().amps(), 2)).as("the safe 10 kW shared equally")
                .containsExactly(new double[] {22.7, 22.7}, within(1e-9));
        assertThat(r.reasons().subList(0, 2)).containsOnly(PileReason.METER_STALE);
    }

    @Test
    void anUrgentCarArrivingInASpellDoesNotWaitForItsPlan() {
        OrderlyPolicy unplanned = new OrderlyPolicy(compound, BeijingTariff.tariff(), LiveSettings.of(1.8),
                new GreedyPlanner(), work -> { });
        rig.use(unplanned, SAFE_EV_KW);
        rig.plugged[0] = false;
        rig.plugged[1] = false;
        CycleResult r = rig.run(null, false);
        rig.plugged[2] = true;
        rig.advanceSeconds(1);
        r = rig.run(r, true);
        assertThat(r.allocation().amps()[2]).as("not known to be urgent yet: it waits for its plan").isZero();
        // It leaves in an hour with 10 kWh to take: more than an hour at its pile's 7 kW, no time to wait.
        rig.cycle().sessions().declare(2, new Declaration(clock.instant().plusSeconds(3600), 10));

        rig.advanceSeconds(1);
        r = rig.run(r, true);

        assertThat(r.allocation().amps()[2]).as("charged at once, as its plan will").isEqualTo(32);
    }

    @Test
    void aCarArrivingInALongSpellOfStaleReadingsIsPlannedWithoutTheReadingAndWaitsForTheValley() {
        CycleResult r = planned();
        // The meter's line cut: for 20 minutes, longer than a plan is kept (15 min), every reading is the last one it
        // sent, stuck at a household load of nothing, which nothing may learn from.
        rig.staleTotalKw = 0;
        for (int s = 0; s < 60; s++) {
            rig.advanceSeconds(1);
            r = rig.run(r, true);
        }
        // 19:01, the evening peak: a car plugs in, to leave at 07:00 with 20 kWh, all of which the night valley holds.
        rig.plugged[2] = true;
        rig.advanceSeconds(1);
        r = rig.run(r, true);
        rig.cycle().sessions().declare(2, new Declaration(clock.instant().plusSeconds(12 * 3600), 20));
        for (int s = 0; s < 19 * 60; s++) {
            rig.advanceSeconds(1);
            r = rig.run(r, true);
            assertThat(r.mode()).isEqualTo(ControlMode.CONSERVATIVE);
            assertThat(r.allocation().amps()[2]).as("the new car at the peak price, %d s after it came", s + 2)
                    .isZero();
            assertThat(r.reasons().get(2)).as("the new car's reason, %d s after it came", s + 2)
                    .isEqualTo(PileReason.WAITING_FOR_CHEAPER_PERIOD);
        }
        assertThat(r.allocation().amps()[1]).as("the car the plan charges still charges").isGreaterThan(0);
        Plan plan = policy.plan();
        assertThat(plan.createdAt()).as("the plan of the re-plan period in the spell")
                .isAfterOrEqualTo(Instant.parse("2026-01-13T11:15:00Z"));
        int now = plan.slotAt(clock.instant().getEpochSecond());
        // The forecast from the 30 kW read before the spell, by the typical day's shape; the stuck meter's 0 kW learnt
        // would have pulled it down.
        assertThat(plan.baseKw(now)).as("the households as forecast before the spell, not as the stuck meter says")
                .isCloseTo(HOUSEHOLDS_KW, within(1.0));
        assertThat(plan.evKw(now)).as("no more EV power planned now than the safe EV power").isLessThanOrEqualTo(SAFE_EV_KW);

        // The meter back: 20 minutes without the policy deciding is no step of the clock, and the plan made in the
        // spell stays in force, made for now.
        rig.advanceSeconds(1);
        r = rig.run(r, false);
        assertThat(r.mode()).isEqualTo(ControlMode.NORMAL);
        assertThat(policy.plan()).as("the plan made in the spell, not one made again as after a step").isSameAs(plan);
        assertThat(r.allocation().amps()[2]).isZero();
        assertThat(r.reasons().get(2)).isEqualTo(PileReason.WAITING_FOR_CHEAPER_PERIOD);
    }
}
