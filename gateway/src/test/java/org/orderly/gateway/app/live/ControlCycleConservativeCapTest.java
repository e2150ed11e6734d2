package org.orderly.gateway.app.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderly.gateway.app.live.ObservationBuilder.observation;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.CompoundFixtures;
import org.orderly.gateway.core.limit.Allocation;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.GridCap;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.policy.EqualSharePolicy;
import org.orderly.gateway.core.time.ClockFloor;
import org.orderly.gateway.core.time.VirtualClock;

/**
 * A grid cap while the transformer reading is stale. The safe EV power (20 kW here) is what the cars may draw whatever
 * the households do under the transformer's 100 kW: the households may take 80 kW. A cap limits the total, households
 * and cars, so under a cap at 90 kW those households leave the cars 10 kW, and under one at 50 kW nothing; the
 * load-control contact's EV limit bounds them besides. Three cars, each able to take 7 kW, ask for all they can.
 */
class ControlCycleConservativeCapTest {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final double SAFE_EV_KW = 20;
    private static final Instant NOW = Instant.parse("2026-12-04T11:00:00Z");

    private final Compound compound = CompoundFixtures.compound().limitKw(100)
            .pile("P1", Phase.A, null).pile("P2", Phase.B, null).pile("P3", Phase.C, null).build();
    private final VirtualClock clock = new VirtualClock(NOW, ZONE);

    private ControlCycle cycle(ClockFloor floor) {
        return CycleBuilder.cycle(compound, new EqualSharePolicy(compound), clock, SAFE_EV_KW).clockFloor(floor).build();
    }

    private List<PileObservation> allPlugged() {
        List<PileObservation> out = new ArrayList<>();
        for (int i = 0; i < compound.pileCount(); i++) {
            out.add(observation(i, true, 0, 0, clock.instant()).build());
        }
        return out;
    }

    /** A cap in force now, at {@code kw}. */
    private static GridCap cap(double kw) {
        return new GridCap("peak", NOW.minusSeconds(60), NOW.plusSeconds(3600), kw);
    }

    private double evKw(Allocation a) {
        return CompoundFixtures.kw(compound, a.amps());
    }

    @Test
    void withoutACapTheCarsShareTheWholeSafePower() {
        CycleResult r = cycle(ClockFloor.NONE).run(null, allPlugged(), List.of());

        assertThat(r.mode()).isEqualTo(ControlMode.CONSERVATIVE);
        assertThat(evKw(r.allocation())).isLessThanOrEqualTo(SAFE_EV_KW + 1e-9).isGreaterThan(SAFE_EV_KW - 0.5);
    }

    @Test
    void aCapTenKwBelowTheTransformersLeavesTheCarsTenKwOfTheSafePower() {
        CycleResult r = cycle(ClockFloor.NONE).run(null, allPlugged(), List.of(cap(90)));

        assertThat(r.mode()).isEqualTo(ControlMode.CONSERVATIVE);
        assertThat(evKw(r.allocation())).as("EV kW under a 90 kW cap, the households maybe at 80 kW")
                .isLessThanOrEqualTo(10 + 1e-9).isGreaterThan(9.5);
    }

    @Test
    void aCapBelowWhatTheHouseholdsMayTakeLeavesTheCarsNothing() {
        CycleResult r = cycle(ClockFloor.NONE).run(null, allPlugged(), List.of(cap(50)));

        assertThat(evKw(r.allocation())).as("EV kW under a 50 kW cap, the households maybe at 80 kW").isZero();
    }

    @Test
    void theLoadControlContactBoundsWhatTheCapLeaves() {
        ControlCycle cycle = cycle(ClockFloor.NONE);

        assertThat(evKw(cycle.run(null, allPlugged(), List.of(cap(90)), OptionalDouble.of(5)).allocation()))
                .as("the contact's 5 kW, below the cap's 10").isLessThanOrEqualTo(5 + 1e-9).isGreaterThan(4.5);
        clock.advanceSeconds(1);
        assertThat(evKw(cycle.run(null, allPlugged(), List.of(cap(90)), OptionalDouble.of(15)).allocation()))
                .as("the cap's 10 kW, below the contact's 15").isLessThanOrEqualTo(10 + 1e-9).isGreaterThan(9.5);
    }

    @Test
    void withTheClockNotSetTheLowestCapLowersTheSafePowerAlike() {
        ControlCycle cycle = cycle(new ClockFloor(NOW.plusSeconds(86_400), "the newest time in the store"));

        CycleResult r = cycle.run(null, allPlugged(), List.of(cap(90)));

        assertThat(r.mode()).isEqualTo(ControlMode.CLOCK_NOT_SET);
        assertThat(evKw(r.allocation())).as("EV kW under a 90 kW cap, the households maybe at 80 kW")
                .isLessThanOrEqualTo(10 + 1e-9).isGreaterThan(9.5);
        clock.advanceSeconds(1);
        assertThat(evKw(cycle.run(null, allPlugged(), List.of(cap(50))).allocation())).as("under a 50 kW cap").isZero();
    }
}
