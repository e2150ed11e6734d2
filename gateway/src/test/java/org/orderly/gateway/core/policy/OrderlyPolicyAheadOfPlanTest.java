package org.orderly.gateway.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderly.gateway.core.policy.PolicyBuilder.policyFor;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.CompoundFixtures;
import org.orderly.gateway.core.limit.Allocation;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.plan.Plan;
import org.orderly.gateway.core.plan.PlanCandidate;
import org.orderly.gateway.core.plan.PlanProblem;
import org.orderly.gateway.core.plan.Planner;
import org.orderly.gateway.core.plan.SessionPlan;
import org.orderly.gateway.core.session.Declaration;
import org.orderly.gateway.core.session.PluggedSession;
import org.orderly.gateway.core.tariff.BeijingTariff;
import org.orderly.gateway.core.time.VirtualClock;

/**
 * At 22:00 (flat until 23:00, then the valley) a plan puts "same" 2 kWh at 22:30, at the same price,
 * and "cheaper" 2 kWh at 23:30, in the valley, and so much other EV load at 22:30 that the period's
 * planned peak is 30 kW above the load expected now: nothing now.
 */
class OrderlyPolicyAheadOfPlanTest {
    private final Compound compound = CompoundFixtures.compound().limitKw(100)
            .pile("P1", Phase.A, null).pile("P2", Phase.A, null).build();
    private final VirtualClock clock = new VirtualClock(BeijingTariff.tuesday("22:00"), BeijingTariff.ZONE);

    /** A planner that plans each session's 2 kWh where this test says, and a load at 22:30 30 kW above now's. */
    private final Planner handMade = new Planner() {
        @Override
        public Plan solve(PlanProblem p) {
            Map<String, SessionPlan> sessions = new HashMap<>();
            double[] evKwh = new double[p.slots()];
            // the period's planned peak: 30 kW above the load expected now
            double base = p.expectedBaseKw()[0] - p.expectedBaseKw()[2];
            evKwh[2] = Math.max(0, base + 30) * p.hours()[2];
            for (PlanCandidate c : p.candidates()) {
                double[] kwh = new double[p.slots()];
                kwh["same".equals(c.session().id()) ? 2 : 6] = 2;
                sessions.put(c.session().id(), new SessionPlan(c.session().id(), c.session().pileIndex(), kwh, 5, 2, 2, 0,
                        c.session().maxKw()));
            }
            return Plan.of(p, sessions, evKwh);
        }
    };

    private Snapshot snapshot(double deliveredKWh, double lastDrawKw) {
        return snapshot(20, deliveredKWh, lastDrawKw);
    }

    private Snapshot snapshot(double householdsKw, double deliveredKWh, double lastDrawKw) {
        Instant arrival = BeijingTariff.tuesday("21:59");
        return new Snapshot(clock.instant(), householdsKw, List.of(
                new PluggedSession("same", 0, arrival, Declaration.NONE, deliveredKWh, lastDrawKw),
                new PluggedSession("cheaper", 1, arrival, Declaration.NONE, deliveredKWh, lastDrawKw)), List.of());
    }

    @Test
    void energyPlannedLaterAtTheSamePriceIsDrawnNowInTheRoomBelowThePeriodsPlannedPeak() {
        OrderlyPolicy policy = policyFor(compound, BeijingTariff.tariff(), OrderlySettings.defaults(1.8, Duration.ofSeconds(60)))
                .planner(handMade).build();
        policy.decide(snapshot(0, 0)); // the cars plug in and are planned (by hand, here)
        clock.advanceSeconds(60);

        Allocation a = policy.decide(snapshot(0.1, 7.04));

        assertThat(policy.plan().headroomToPeriodPeakKw(0)).as("precondition").isGreaterThan(7.04);
        assertThat(policy.plan().session("same").kwhInSlot(0)).as("precondition: nothing planned now").isZero();
        assertThat(a.amps()[0]).as("same price later: drawn now, at the pile's maximum").isEqualTo(32);
        assertThat(a.amps()[1]).as("cheaper later: it waits").isZero();
        assertThat(policy.reasons().get(1)).isEqualTo(PileReason.WAITING_FOR_CHEAPER_PERIOD);
    }

    @Test
    void aPileKeptFromDrawingAheadByTheLiveRoomIsShownWaitingNotLimited() {
        OrderlyPolicy policy = policyFor(compound, BeijingTariff.tariff(), OrderlySettings.defaults(1.8, Duration.ofSeconds(60)))
                .planner(handMade).build();
        policy.decide(snapshot(20, 0, 0));
        clock.advanceSeconds(60);

        // 99.5 kW of households on a 100 kW transformer: too little room for a pile's minimum
        Allocation a = policy.decide(snapshot(99.5, 0.1, 7.04));

        assertThat(policy.plan().headroomToPeriodPeakKw(0)).as("precondition").isGreaterThan(6 * 0.22);
        assertThat(a.amps()[0]).isZero();
        assertThat(policy.reasons().get(0)).as("its energy is later at the same price")
                .isEqualTo(PileReason.WAITING_FOR_ITS_TURN);
    }
}
