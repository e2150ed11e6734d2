package org.orderly.gateway.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.CompoundFixtures;
import org.orderly.gateway.core.estimate.Beliefs;
import org.orderly.gateway.core.estimate.SessionBelief;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.plan.GreedyPlanner;
import org.orderly.gateway.core.session.Declaration;
import org.orderly.gateway.core.session.PastSession;
import org.orderly.gateway.core.session.PluggedSession;
import org.orderly.gateway.core.tariff.BeijingTariff;
import org.orderly.gateway.core.time.VirtualClock;

/**
 * A car the policy first sees drawing, on a limit it did not give (a lease of the gateway's last run, carried over a
 * restart, or its pile's own safe current), is not paused while its first plan is solved on the planning thread; and
 * should that plan stop it, it may start again as soon as a plan has it charge, without the settle time of a stop the
 * policy made of a car it had started.
 */
class OrderlyPolicyCarFoundChargingTest {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final Instant ARRIVAL = Instant.parse("2026-01-13T09:00:00Z"); // 17:00 local

    private final Compound compound = CompoundFixtures.compound().limitKw(100).pile("P1", Phase.A, null).build();
    private final HeldPlanningThread planningThread = new HeldPlanningThread();

    private OrderlyPolicy policy(VirtualClock clock) {
        return new OrderlyPolicy(compound, BeijingTariff.tariff(),
                LiveSettings.of(1.8), new GreedyPlanner(), planningThread);
    }

    private static Snapshot plugged(VirtualClock clock, Declaration declared, double deliveredKWh, double lastDrawKw) {
        PluggedSession s = new PluggedSession("s1", 0, ARRIVAL, declared, deliveredKWh, lastDrawKw);
        return new Snapshot(clock.instant(), 20, List.of(s), List.of());
    }

    @Test
    void aCarFoundChargingGoesOnWhileItsFirstPlanIsSolved() {
        VirtualClock clock = new VirtualClock(Instant.parse("2026-01-13T15:00:00Z"), ZONE); // 23:00 local
        OrderlyPolicy policy = policy(clock);
        Declaration leavesAt1 = new Declaration(Instant.parse("2026-01-13T17:00:00Z"), 10);

        assertThat(policy.decide(plugged(clock, leavesAt1, 4.0, 7.04)).amps()[0]).as("while its first plan is solved")
                .isEqualTo(32);
        clock.advanceSeconds(1);
        assertThat(policy.decide(plugged(clock, leavesAt1, 4.002, 7.04)).amps()[0]).as("still solving").isEqualTo(32);
        planningThread.runAll();
        clock.advanceSeconds(1);
        assertThat(policy.decide(plugged(clock, leavesAt1, 4.004, 7.04)).amps()[0]).as("by its plan: charge now")
                .isGreaterThanOrEqualTo(6);
    }

    @Test
    void aCarFoundNotDrawingWaitsForItsPlanAsBefore() {
        VirtualClock clock = new VirtualClock(Instant.parse("2026-01-13T15:00:00Z"), ZONE);
        OrderlyPolicy policy = policy(clock);

        assertThat(policy.decide(plugged(clock, new Declaration(Instant.parse("2026-01-13T17:00:00Z"), 10), 0, 0)).amps()[0])
                .isZero();
    }

    @Test
    void aCarFoundChargingThatItsFirstPlanStopsStartsAsSoonAsAPlanHasItCharge() {
        VirtualClock clock = new VirtualClock(Instant.parse("2026-01-13T09:30:00Z"), ZONE); // 17:30 local, flat
        OrderlyPolicy policy = new OrderlyPolicy(compound, BeijingTariff.tariff(),
                LiveSettings.of(1.8), new GreedyPlanner(), planningThread,
                new DeclaredIsTrue());
        // Stays until 07:00 wanting 10 kWh: the plan waits for the valley.
        Declaration overnight = new Declaration(Instant.parse("2026-01-13T23:00:00Z"), 10);
        policy.decide(plugged(clock, overnight, 1.0, 7.04));
        planningThread.runAll();
        clock.advanceSeconds(1);
        assertThat(policy.decide(plugged(clock, overnight, 1.002, 7.04)).amps()[0]).as("stopped by its first plan").isZero();
        assertThat(policy.reasons().get(0)).isEqualTo(PileReason.WAITING_FOR_CHEAPER_PERIOD);

        // The resident says the car leaves within the hour wanting 20 kWh: it must charge now. The policy had not
        // started the car it stopped, so there is no settle time to wait out.
        Declaration soon = new Declaration(Instant.parse("2026-01-13T10:30:00Z"), 20);
        double amps = 0;
        for (int k = 0; k < 4 && amps == 0; k++) { // each plan solved a cycle after it was asked for
            clock.advanceSeconds(1);
            amps = policy.decide(plugged(clock, soon, 1.002, 0)).amps()[0];
            planningThread.runAll();
        }
        assertThat(policy.plan().session("s1").targetKWh()).as("the plan for the declaration").isGreaterThan(10);
        assertThat(amps).as("within seconds of its stop, by the plan that has it charge").isEqualTo(32);
    }

    /** Takes each declaration as what will happen, so that a test's plan follows from it alone. */
    private static final class DeclaredIsTrue implements Beliefs {
        @Override
        public SessionBelief believe(PluggedSession s) {
            return SessionBelief.certain(s.arrival(), s.declared().departure(), s.declared().energyKWh());
        }

        @Override
        public void learn(PastSession s) {
        }
    }
}
