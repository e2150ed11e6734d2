package org.orderly.gateway.app.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.orderly.gateway.app.live.ObservationBuilder.observation;
import static org.orderly.gateway.core.policy.PolicyBuilder.policyFor;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.CompoundFixtures;
import org.orderly.gateway.core.limit.Allocation;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.policy.LiveSettings;
import org.orderly.gateway.core.policy.OrderlyPolicy;
import org.orderly.gateway.core.plan.PlannerSettings;
import org.orderly.gateway.core.policy.OrderlySettings;
import org.orderly.gateway.core.tariff.BeijingTariff;
import org.orderly.gateway.core.time.VirtualClock;

class ControlCycleTest {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final Duration STALE = Duration.ofSeconds(5);

    private final Compound compound = CompoundFixtures.compound().limitKw(100)
            .pile("P1", Phase.A, null).pile("P2", Phase.B, null).pile("P3", Phase.C, null).build();
    private final VirtualClock clock = new VirtualClock(Instant.parse("2026-01-13T15:00:00Z"), ZONE); // 23:00
    private final OrderlyPolicy policy = policyFor(compound, BeijingTariff.tariff(), LiveSettings.of(1.8)).build();
    private final ControlCycle cycle = CycleBuilder.cycle(compound, policy, clock, 8.0).staleAfter(STALE).build();

    /** The meter's total as read at {@code at}; this test's clock never steps, so its age is the clock's difference. */
    private TransformerReading reading(double kw, Instant at) {
        return new TransformerReading(kw, at, Duration.between(at, clock.instant()));
    }

    private List<PileObservation> allPlugged(double kwEach, double energy) {
        List<PileObservation> out = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            out.add(observation(i, true, kwEach, energy, clock.instant()).build());
        }
        return out;
    }

    /** Every car plugged and drawing what it was last offered. */
    private List<PileObservation> drawing(CycleResult previous) {
        List<PileObservation> out = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            out.add(observation(i, true, compound.kw(i, previous.allocation().amps()[i]), 0.01, clock.instant()).build());
        }
        return out;
    }

    private double evKw(Allocation a) {
        return CompoundFixtures.kw(compound, a.amps());
    }

    @Test
    void aFreshReadingRunsThePolicyOnTheHouseholdLoadLessThePiles() {
        CycleResult first = cycle.run(reading(30, clock.instant()), allPlugged(0, 0), List.of());
        clock.advanceSeconds(1);
        double evKw = evKw(first.allocation());

        CycleResult r = cycle.run(reading(30 + evKw, clock.instant()), drawing(first), List.of());

        assertThat(r.mode()).isEqualTo(ControlMode.NORMAL);
        assertThat(r.baseKw()).isCloseTo(30, within(1e-9));
    }

    @Test
    void aPileReportingMoreThanItIsAllowedCountsOnlyItsAllowanceSoTheHouseholdsNeverLookLighter() {
        // Nothing sent yet: each pile's reported 5 kW, within its 32 A (7.04 kW), is drawn on an offer of its own (a
        // lease of the gateway's last run), which no cut has lowered: it comes off the total (ControlCycleRestartMidChargeTest).
        CycleResult first = cycle.run(reading(60, clock.instant()), allPlugged(5, 0), List.of());
        assertThat(first.baseKw()).isCloseTo(45, within(1e-9));
        clock.advanceSeconds(1);
        double[] allowedKw = new double[3];
        for (int i = 0; i < 3; i++) {
            allowedKw[i] = compound.kw(i, first.allocation().amps()[i]);
        }

        // Reports of 50 kW each, far above what they were allowed: only the allowance comes off the total.
        CycleResult r = cycle.run(reading(200, clock.instant()), allPlugged(50, 0), List.of());

        assertThat(r.baseKw()).isCloseTo(200 - allowedKw[0] - allowedKw[1] - allowedKw[2], within(1e-9));
    }

    @Test
    void aStaleReadingSharesOnlyTheSafeEvPower() {
        cycle.run(reading(30, clock.instant()), allPlugged(0, 0), List.of());
        Instant lastRead = clock.instant();
        clock.advanceSeconds(6);

        CycleResult r = cycle.run(reading(30, lastRead), allPlugged(0, 0), List.of());

        assertThat(r.mode()).isEqualTo(ControlMode.CONSERVATIVE);
        assertThat(evKw(r.allocation())).isLessThanOrEqualTo(8.0 + 1e-9).isGreaterThan(0);
        for (double a : r.allocation().amps()) {
            assertThat(a == 0 || (a >= 6 && a <= 32)).as("%s A is 0 or within [6, 32]", a).isTrue();
        }
    }

    @Test
    void anActiveLoadControlContactCapsTheEvLoadInTheSameCycle() {
        // 23:00, the valley: uncapped, three cars in a 100 kW compound with 30 kW of households all charge.
        CycleResult free = cycle.run(reading(30, clock.instant()), allPlugged(0, 0), List.of());
        assertThat(evKw(free.allocation())).isGreaterThan(10);
        clock.advanceSeconds(1);

        CycleResult capped = cycle.run(reading(30 + evKw(free.allocation()), clock.instant()),
                drawing(free), List.of(), OptionalDouble.of(4.0));

        assertThat(capped.mode()).isEqualTo(ControlMode.NORMAL);
        assertThat(evKw(capped.allocation())).isLessThanOrEqualTo(4.0 + 1e-9);
        for (double a : capped.allocation().amps()) {
            assertThat(a == 0 || (a >= 6 && a <= 32)).as("%s A is 0 or within [6, 32]", a).isTrue();
        }
    }

    @Test
    void inConservativeModeTheContactLowersTheSafePowerFurther() {
        CycleResult r = cycle.run(null, allPlugged(0, 0), List.of(), OptionalDouble.of(0.0));

        assertThat(r.mode()).isEqualTo(ControlMode.CONSERVATIVE);
        assertThat(evKw(r.allocation())).isZero();
    }

    @Test
    void noReadingAtAllIsConservativeAndFreshReadingsEndIt() {
        assertThat(cycle.run(null, allPlugged(0, 0), List.of()).mode()).isEqualTo(ControlMode.CONSERVATIVE);

        clock.advanceSeconds(1);
        CycleResult back = cycle.run(reading(30, clock.instant()), allPlugged(0, 0), List.of());

        assertThat(back.mode()).isEqualTo(ControlMode.NORMAL);
    }

    @Test
    void aGapInConservativeModeDoesNotMakeThePolicyTakeACarForFull() {
        // Judging draws at once (no settle time) makes the point sharp: the cars are planned and
        // draw; the meter goes stale and conservative mode gives them nothing; back to normal at
        // the quarter hour's re-plan, the policy must not read that silence as "full".
        OrderlyPolicy eager = policyFor(compound, BeijingTariff.tariff(),
                new OrderlySettings(PlannerSettings.defaults(1.8), Duration.ofSeconds(1), Duration.ofMinutes(15),
                        Double.POSITIVE_INFINITY, 0.1, Duration.ZERO, Duration.ZERO, 0)).build();
        ControlCycle c = CycleBuilder.cycle(compound, eager, clock, 0.0).staleAfter(STALE).build();
        CycleResult last = c.run(reading(30, clock.instant()), allPlugged(0, 0), List.of());
        Instant lastRead = clock.instant();
        int conservativeCycles = 0;
        while (clock.instant().isBefore(Instant.parse("2026-01-13T15:14:59Z"))) {
            clock.advanceSeconds(1);
            last = c.run(reading(30, lastRead), drawing(last), List.of()); // cars follow their setpoint
            conservativeCycles += last.mode() == ControlMode.CONSERVATIVE ? 1 : 0;
        }
        assertThat(conservativeCycles).isGreaterThan(800);
        clock.set(Instant.parse("2026-01-13T15:15:00Z"));
        c.run(reading(30, clock.instant()), drawing(last), List.of());

        assertThat(eager.plan().createdAt()).isEqualTo(clock.instant());
        assertThat(eager.plan().sessions()).hasSize(3);
    }
}
