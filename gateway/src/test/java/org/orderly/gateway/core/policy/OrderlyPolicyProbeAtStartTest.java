package org.orderly.gateway.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
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
 * A gateway's first seconds, as the walk-through of 2026-12-04 saw them on `./orderly demo`: cars found plugged in at
 * its first cycle, at 21:58 (the flat price), were offered their pile's maximum, 32 A, for one to three cycles, then
 * held for the valley. That is the probe (docs/scheduler.md, "One cycle", step 2): a car no pile remembers is planned as
 * a 3.3 kW one, which needs the hours before the valley too; its first planned draw, now, is offered at the pile's
 * maximum, and kept while the plan at what it drew is solved. Here four cars probed at once would take 28 kW where
 * 20 kW are left: the Limiter shares the room, the probe and what is kept after it never beyond it.
 */
class OrderlyPolicyProbeAtStartTest {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final double LIMIT_KW = 40;
    private static final double HOUSEHOLD_KW = 20;

    private final Compound compound = CompoundFixtures.compound().limitKw(LIMIT_KW)
            .pile("P1", Phase.A, null).pile("P2", Phase.B, null).pile("P3", Phase.C, null).pile("P4", Phase.A, null)
            .build();
    private final VirtualClock clock = new VirtualClock(Instant.parse("2026-01-13T13:58:53Z"), ZONE); // 21:58:53 local

    /** Each car leaving at 02:00 with 13 kWh: at 3.3 kW it needs almost every hour until then, now too. */
    private Snapshot cycle(double drawKw) {
        List<PluggedSession> cars = new ArrayList<>();
        for (int i = 0; i < compound.pileCount(); i++) {
            cars.add(new PluggedSession("s" + i, i, Instant.parse("2026-01-13T13:58:53Z"),
                    new Declaration(Instant.parse("2026-01-13T18:00:00Z"), 13), 0, drawKw));
        }
        return new Snapshot(clock.instant(), HOUSEHOLD_KW, cars, List.of());
    }

    /** The cycle's snapshot, each car drawing what {@code offered} gave it, up to its 7 kW charger. */
    private Snapshot drawing(Allocation offered) {
        List<PluggedSession> cars = new ArrayList<>();
        for (PluggedSession s : cycle(0).plugged()) {
            cars.add(new PluggedSession(s.id(), s.pileIndex(), s.arrival(), s.declared(), 0.002,
                    Math.min(7.0, compound.kw(s.pileIndex(), offered.amps()[s.pileIndex()]))));
        }
        return new Snapshot(clock.instant(), HOUSEHOLD_KW, cars, List.of());
    }

    @Test
    void theFirstSecondsProbeOfSeveralCarsKeepsWithinTheRoom() {
        HeldPlanningThread planningThread = new HeldPlanningThread();
        OrderlyPolicy policy = new OrderlyPolicy(compound, BeijingTariff.tariff(), LiveSettings.of(1.8),
                new GreedyPlanner(), planningThread);

        Allocation first = policy.decide(cycle(0));
        assertThat(CompoundFixtures.kw(compound, first.amps())).as("the first cycle: waiting for the first plan")
                .isZero();

        planningThread.runAll();
        clock.advanceSeconds(1);
        Allocation probe = policy.decide(cycle(0));
        double probeKw = CompoundFixtures.kw(compound, probe.amps());
        assertThat(policy.plan().createdAt()).as("the first plan, asked at the first cycle")
                .isEqualTo(Instant.parse("2026-01-13T13:58:53Z"));
        // Each asks its pile's maximum, 32 A; four at 7.04 kW would be 28 kW, and the Limiter shares the 20 kW left.
        for (double amps : probe.amps()) {
            assertThat(amps).as("the probe: more than the 15 A a 3.3 kW car takes").isGreaterThan(15);
        }
        assertThat(probeKw).as("all the room, never beyond it").isCloseTo(LIMIT_KW - HOUSEHOLD_KW, within(0.1))
                .isLessThanOrEqualTo(LIMIT_KW - HOUSEHOLD_KW + 1e-9);

        clock.advanceSeconds(1);
        // Each car draws what it was offered, up to its 7 kW charger: its probe is answered, and a plan asked for.
        Allocation whileSolved = policy.decide(drawing(probe));
        assertThat(planningThread.held).as("the plan at what each car drew, being solved").hasSize(1);
        assertThat(CompoundFixtures.kw(compound, whileSolved.amps())).as("kept while it is solved, within the room")
                .isLessThanOrEqualTo(LIMIT_KW - HOUSEHOLD_KW + 1e-9);
    }
}
