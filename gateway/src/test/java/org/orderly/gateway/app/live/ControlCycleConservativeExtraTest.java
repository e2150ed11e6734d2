package org.orderly.gateway.app.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.orderly.gateway.core.policy.PolicyBuilder.policyFor;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.CompoundFixtures;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.plan.Plan;
import org.orderly.gateway.core.plan.PlanCandidate;
import org.orderly.gateway.core.plan.PlanProblem;
import org.orderly.gateway.core.plan.Planner;
import org.orderly.gateway.core.plan.SessionPlan;
import org.orderly.gateway.core.policy.LiveSettings;
import org.orderly.gateway.core.policy.OrderlyPolicy;
import org.orderly.gateway.core.tariff.BeijingTariff;
import org.orderly.gateway.core.time.VirtualClock;

/**
 * In conservative mode the safe EV power goes first to what the plan in force has each car draw now, and only what
 * is left to the extra a car may take beyond it, as the live room does in normal mode. At 22:00 (flat until 23:00) a
 * plan, made by hand here, has the car on P2 draw at its pile's maximum now, and the car on P1 draw nothing now but
 * 2 kWh at 22:30, at the same price, with room below the period's planned peak: that one may draw it now, as extra.
 */
class ControlCycleConservativeExtraTest {
    private static final double HOUSEHOLDS_KW = 20;
    private static final double SAFE_EV_KW = 10;

    private final Compound compound = CompoundFixtures.compound().limitKw(100)
            .pile("P1", Phase.A, null).pile("P2", Phase.B, null).build();
    private final VirtualClock clock = new VirtualClock(BeijingTariff.tuesday("22:00"), BeijingTariff.ZONE);

    /** P1's car: 2 kWh at 22:30, nothing now; P2's car: 2 kWh now; a planned peak 30 kW above the load expected now. */
    private final Planner handMade = new Planner() {
        @Override
        public Plan solve(PlanProblem p) {
            Map<String, SessionPlan> sessions = new HashMap<>();
            double[] evKwh = new double[p.slots()];
            evKwh[2] = Math.max(0, p.expectedBaseKw()[0] - p.expectedBaseKw()[2] + 30) * p.hours()[2];
            for (PlanCandidate c : p.candidates()) {
                double[] kwh = new double[p.slots()];
                kwh[c.session().pileIndex() == 0 ? 2 : 0] = 2;
                sessions.put(c.session().id(), new SessionPlan(c.session().id(), c.session().pileIndex(), kwh, 5, 2, 2, 0,
                        c.session().maxKw()));
            }
            return Plan.of(p, sessions, evKwh);
        }
    };
    private final OrderlyPolicy policy = policyFor(compound, BeijingTariff.tariff(), LiveSettings.of(1.8)).planner(handMade).build();
    private final StaleReadingRig rig = new StaleReadingRig(compound, clock, HOUSEHOLDS_KW);

    ControlCycleConservativeExtraTest() {
        rig.use(policy, SAFE_EV_KW);
    }

    @Test
    void theSafePowerServesThePlannedDrawBeforeTheExtraAheadOfThePlan() {
        CycleResult r = rig.run(null, false);
        for (int i = 0; i < 5; i++) {
            rig.advanceSeconds(1);
            r = rig.run(r, false);
        }
        assertThat(r.mode()).isEqualTo(ControlMode.NORMAL);
        assertThat(r.allocation().amps()).as("precondition: the live room serves both, P1 ahead of its plan")
                .containsExactly(new double[] {32, 32}, within(1e-9));

        rig.advanceSeconds(1);
        r = rig.run(r, true);

        assertThat(r.mode()).isEqualTo(ControlMode.CONSERVATIVE);
        // 10 kW: P2's planned 32 A (7.04 kW) first, then what is left (2.96 kW, 13.4 A) to P1's extra; not an equal
        // share of 22.7 A each, which cuts the draw the plan counts on for an energy it could as well take at 22:30.
        assertThat(r.allocation().amps()).as("the planned draw first, the extra from what is left")
                .containsExactly(new double[] {13.4, 32}, within(1e-9));
    }
}
