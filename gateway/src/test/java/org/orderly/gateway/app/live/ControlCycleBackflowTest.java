package org.orderly.gateway.app.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.orderly.gateway.app.live.ObservationBuilder.observation;
import static org.orderly.gateway.app.live.ReadingBuilder.meterReading;
import static org.orderly.gateway.core.policy.PolicyBuilder.policyFor;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.CompoundFixtures;
import org.orderly.gateway.core.limit.Allocation;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.plan.GreedyPlanner;
import org.orderly.gateway.core.policy.LiveSettings;
import org.orderly.gateway.core.policy.OrderlyPolicy;
import org.orderly.gateway.core.policy.PileReason;
import org.orderly.gateway.core.session.Declaration;
import org.orderly.gateway.core.tariff.BeijingTariff;
import org.orderly.gateway.core.time.ClockFloor;
import org.orderly.gateway.core.time.TestTicker;
import org.orderly.gateway.core.time.VirtualClock;

/**
 * A transformer meter flowing back to the grid (a CT the wrong way round reads the compound's load negated): held for
 * {@link BackflowWatch#HOLD} on the cycle's ticker, the reading is distrusted as a stale one is, and only the safe EV
 * power is shared; plausible again, the policy decides again.
 */
class ControlCycleBackflowTest {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final double SAFE_KW = 8;

    private final Compound compound = CompoundFixtures.compound().limitKw(100)
            .pile("P1", Phase.A, null).pile("P2", Phase.B, null).pile("P3", Phase.C, null).build();
    private final VirtualClock clock = new VirtualClock(Instant.parse("2026-01-13T15:00:00Z"), ZONE); // 23:00
    private final TestTicker ticker = new TestTicker();
    private final OrderlyPolicy policy = policyFor(compound, BeijingTariff.tariff(), LiveSettings.of(1.8)).build();
    private final ControlCycle cycle = CycleBuilder.cycle(compound, policy, clock, SAFE_KW).ticker(ticker).build();

    void advance(int seconds) {
        clock.advanceSeconds(seconds);
        ticker.advance(Duration.ofSeconds(seconds));
    }

    TransformerReading reading(double totalKw) {
        return new TransformerReading(totalKw, clock.instant(), Duration.ZERO);
    }

    private TransformerReading reading(double totalKw, double a, double b, double c) {
        return meterReading(totalKw, clock.instant(), Duration.ZERO).phaseKw(Map.of("power.a.kw", a, "power.b.kw", b, "power.c.kw", c))
                .build();
    }

    private List<PileObservation> allPlugged() {
        List<PileObservation> out = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            out.add(observation(i, true, 0, 0, clock.instant()).build());
        }
        return out;
    }

    private double evKw(Allocation a) {
        return CompoundFixtures.kw(compound, a.amps());
    }

    @Test
    void aReversedCtHeldForTheHoldMeansOnlyTheSafePowerUntilItReadsPlausiblyAgain() {
        // 70 kW of households read through a CT the wrong way round: as if the transformer were idle.
        CycleResult first = cycle.run(reading(-70), allPlugged(), List.of());
        assertThat(first.backflow()).as("not yet held").isNull();
        assertThat(first.mode()).as("no plausible reading before it").isEqualTo(ControlMode.CONSERVATIVE);
        assertThat(evKw(first.allocation())).isLessThanOrEqualTo(SAFE_KW + 1e-6);
        advance(5);

        CycleResult held = cycle.run(reading(-70), allPlugged(), List.of());

        assertThat(held.mode()).isEqualTo(ControlMode.CONSERVATIVE);
        assertThat(held.backflow()).isEqualTo(new Backflow("power.total.kw", -70));
        assertThat(held.baseKw()).as("no household load is assumed from it").isNaN();
        assertThat(evKw(held.allocation())).isLessThanOrEqualTo(SAFE_KW + 1e-6).isPositive();
        assertThat(held.reasons()).as("each plugged pile says why it is held to the safe power")
                .containsOnly(PileReason.METER_FLOWS_BACK);

        advance(1);
        CycleResult plausible = cycle.run(reading(70), allPlugged(), List.of());
        assertThat(plausible.mode()).isEqualTo(ControlMode.NORMAL);
        assertThat(plausible.backflow()).isNull();
    }

    /**
     * Before its hold a reading flowing back is not yet a fault, but nor is it a reading of the households: taken at its
     * word they would look idle and the cars be given the whole transformer (until 2026-12-03 they were, for 5 s: all
     * three piles at 32 A with the transformer at 90 of its 100 kW).
     */
    @Test
    void aReadingFlowingBackIsNotTakenAtItsWordBeforeItsHold() {
        ControlCycle cycle = planningCycle();
        double[] amps = charging(cycle);

        // The CT is turned round: the same 90 kW and the cars' draw read negated.
        for (int s = 0; s <= 5; s++) {
            CycleResult r = cycle.run(reading(-(90 + evKw(amps))), drawing(amps), List.of());
            amps = r.allocation().amps().clone();
            assertThat(evKw(amps)).as("EV kW %d s after the reading turned negative (%s, households %s kW)", s,
                    r.mode(), r.baseKw()).isLessThanOrEqualTo(10 + 1e-6);
            advance(1);
        }
    }

    /** A cycle whose policy plans at once, on the test's ticker. */
    ControlCycle planningCycle() {
        OrderlyPolicy planning = new OrderlyPolicy(compound, BeijingTariff.tariff(), LiveSettings.of(1.8),
                new GreedyPlanner(), Runnable::run);
        return CycleBuilder.cycle(compound, planning, clock, SAFE_KW).ticker(ticker).build();
    }

    /**
     * 30 s of 90 kW of households read right, the cars declared: the amperes they end in, in the 10 kW those leave.
     *
     * @param right what each cycle asserts of its result, a reading that is right
     */
    double[] charging(ControlCycle cycle, java.util.function.Consumer<CycleResult> right) {
        double[] amps = chargingBeside(cycle, 90, right);
        assertThat(evKw(amps)).as("the room 90 kW of households leave").isCloseTo(10, within(0.5));
        return amps;
    }

    /** The cars as the cycle has them after 30 s beside {@code householdsKw} of households, each wanting 40 kWh. */
    double[] chargingBeside(ControlCycle cycle, double householdsKw, java.util.function.Consumer<CycleResult> right) {
        double[] amps = new double[compound.pileCount()];
        for (int s = 0; s < 30; s++) {
            right.accept(cycle.run(reading(householdsKw + evKw(amps)), drawing(amps), List.of()));
            for (int i = 0; i < compound.pileCount(); i++) {
                cycle.sessions().declare(i, new Declaration(clock.instant().plusSeconds(3600), 40));
            }
            CycleResult r = cycle.run(reading(householdsKw + evKw(amps)), drawing(amps), List.of());
            right.accept(r);
            amps = r.allocation().amps().clone();
            advance(1);
        }
        return amps;
    }

    private double[] charging(ControlCycle cycle) {
        return charging(cycle, r -> { });
    }

    List<PileObservation> drawing(double[] amps) {
        List<PileObservation> out = new ArrayList<>();
        for (int i = 0; i < amps.length; i++) {
            out.add(observation(i, true, compound.kw(i, amps[i]), 0, clock.instant()).build());
        }
        return out;
    }

    double evKw(double[] amps) {
        return CompoundFixtures.kw(compound, amps);
    }

    @Test
    void aPhaseFlowingBackIsDistrustedThoughTheTotalIsPositive() {
        // Phase B's current measured against another phase's voltage: its power reads negative.
        cycle.run(reading(14, 10, -4, 8), allPlugged(), List.of());
        advance(6);

        CycleResult r = cycle.run(reading(14, 10, -4, 8), allPlugged(), List.of());

        assertThat(r.mode()).isEqualTo(ControlMode.CONSERVATIVE);
        assertThat(r.backflow()).isEqualTo(new Backflow("power.b.kw", -4));
        assertThat(evKw(r.allocation())).isLessThanOrEqualTo(SAFE_KW + 1e-6);
    }

    @Test
    void withTheClockNotSetABackflowAlsoMeansOnlyTheSafePower() {
        ControlCycle unset = CycleBuilder.cycle(compound, policy, clock, SAFE_KW)
                .clockFloor(new ClockFloor(clock.instant().plusSeconds(3600), "test")).ticker(ticker).build();
        unset.run(reading(-70), allPlugged(), List.of());
        advance(5);

        CycleResult r = unset.run(reading(-70), allPlugged(), List.of());

        assertThat(r.mode()).isEqualTo(ControlMode.CLOCK_NOT_SET);
        assertThat(r.backflow()).isNotNull();
        assertThat(r.baseKw()).isNaN();
        assertThat(evKw(r.allocation())).isLessThanOrEqualTo(SAFE_KW + 1e-6);
        assertThat(r.reasons()).containsOnly(PileReason.METER_FLOWS_BACK);
    }

    /**
     * A safe EV power below a pile's least current: the spell of a reading flowing back stops the cars charging. Each
     * says the reading flowing back as why, through the spell and its settle time after (before, from the cycle after
     * the stop, METER_STALE: the policy kept that for every stop made in a spell).
     */
    @Test
    void aCarStoppedWhileTheReadingFlowsBackSaysSo() {
        ControlCycle cycle = CycleBuilder.cycle(compound, policy, clock, 1.0).ticker(ticker).build();
        double[] amps = new double[compound.pileCount()];
        for (int s = 0; s < 10; s++) {
            amps = cycle.run(reading(30 + evKw(amps)), drawing(amps), List.of()).allocation().amps().clone();
            for (int i = 0; i < compound.pileCount(); i++) {
                cycle.sessions().declare(i, new Declaration(clock.instant().plusSeconds(3600), 40));
            }
            advance(1);
        }
        assertThat(amps).as("charging before").containsOnly(32.0);

        int spell = 0;
        for (int s = 0; s < 20; s++) {
            CycleResult r = cycle.run(reading(-(30 + evKw(amps))), drawing(amps), List.of());
            amps = r.allocation().amps().clone();
            if (r.backflow() != null) {
                spell++;
                assertThat(amps).as("in the spell").containsOnly(0.0);
                assertThat(r.reasons()).as("reasons in cycle %d of the spell", spell)
                        .containsOnly(PileReason.METER_FLOWS_BACK);
            }
            advance(1);
        }
        assertThat(spell).as("cycles distrusted as flowing back").isGreaterThan(10);
        for (int s = 1; s <= 10; s++) {
            CycleResult r = cycle.run(reading(30 + evKw(amps)), drawing(amps), List.of());
            amps = r.allocation().amps().clone();
            assertThat(r.mode()).isEqualTo(ControlMode.NORMAL);
            assertThat(amps).as("in the settle time after the stop").containsOnly(0.0);
            assertThat(r.reasons()).as("reasons %d s after the spell", s).containsOnly(PileReason.METER_FLOWS_BACK);
            advance(1);
        }
    }
}
