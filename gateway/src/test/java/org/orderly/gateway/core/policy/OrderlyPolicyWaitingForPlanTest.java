package org.orderly.gateway.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.CompoundFixtures;
import org.orderly.gateway.core.limit.Allocation;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.plan.GreedyPlanner;
import org.orderly.gateway.core.session.Declaration;
import org.orderly.gateway.core.session.PluggedSession;
import org.orderly.gateway.core.tariff.BeijingTariff;
import org.orderly.gateway.core.time.VirtualClock;

/**
 * A car just come gets nothing while the plan asked for it is solved (live, on the planning thread), and says so: it
 * was said as {@link PileReason#PLAN_DONE}, which the page shows as 已达到所需电量 / Energy delivered, for a car given
 * nothing yet, for as many cycles as the planner took (up to the settle time's 30; that a car whose plan never comes
 * stops waiting then is OrderlyPolicyPlanningThreadTest's).
 */
class OrderlyPolicyWaitingForPlanTest {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private final Compound compound = CompoundFixtures.compound().limitKw(100).pile("P1", Phase.A, null).build();
    private final VirtualClock clock = new VirtualClock(Instant.parse("2026-01-13T15:00:00Z"), ZONE); // 23:00 local

    private Snapshot plugged(double lastDrawKw) {
        PluggedSession s = new PluggedSession("s1", 0, Instant.parse("2026-01-13T14:00:00Z"),
                new Declaration(Instant.parse("2026-01-13T17:00:00Z"), 10), 0, lastDrawKw);
        return new Snapshot(clock.instant(), 20, List.of(s), List.of());
    }

    @Test
    void aNewCarWaitingForItsFirstPlanSaysSoThenTheReasonOfThatPlan() {
        HeldPlanningThread planningThread = new HeldPlanningThread();
        OrderlyPolicy policy = new OrderlyPolicy(compound, BeijingTariff.tariff(), LiveSettings.of(1.8),
                new GreedyPlanner(), planningThread);

        for (int cycle = 0; cycle < 5; cycle++) {
            Allocation a = policy.decide(plugged(0));
            assertThat(a.amps()[0]).as("current at cycle %d, its plan being solved", cycle).isZero();
            assertThat(policy.reasons().get(0)).as("reason at cycle %d, its plan being solved", cycle)
                    .isEqualTo(PileReason.WAITING_FOR_PLAN);
            clock.advanceSeconds(1);
        }

        planningThread.runAll();
        // 23:00 local, leaving at 01:00 with 10 kWh: the plan has it charge now
        assertThat(policy.decide(plugged(0)).amps()[0]).isPositive();
        assertThat(policy.reasons().get(0)).isEqualTo(PileReason.CHARGING);
    }
}
