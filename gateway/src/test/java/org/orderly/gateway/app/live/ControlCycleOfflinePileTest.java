package org.orderly.gateway.app.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.orderly.gateway.app.live.ObservationBuilder.observation;
import static org.orderly.gateway.core.policy.PolicyBuilder.policyFor;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.orderly.gateway.core.CompoundFixtures;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.policy.LiveSettings;
import org.orderly.gateway.core.policy.OrderlyPolicy;
import org.orderly.gateway.core.policy.PileReason;
import org.orderly.gateway.core.session.Declaration;
import org.orderly.gateway.core.tariff.BeijingTariff;
import org.orderly.gateway.core.time.ClockFloor;
import org.orderly.gateway.core.time.TestTicker;
import org.orderly.gateway.core.time.VirtualClock;
import org.orderly.gateway.field.pile.Fallback;

/**
 * Two piles on one circuit that holds 32 A; the second goes silent while its car is plugged in. Once it has not been
 * heard for its offline time ({@code control.pileOfflineAfterMs}, 70 s by default), nothing is planned for it and its fallback (6 A once
 * its 10 s lease has lapsed) is held for it on the circuit, so the first gets the rest and the circuit is never over. Heard again,
 * it is planned for in the next cycle and its session goes on. In every mode the cycle runs in.
 */
class ControlCycleOfflinePileTest {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final double CIRCUIT_A = 32;
    private static final double FALLBACK_A = 6;
    private static final double HOUSEHOLDS_KW = 20;
    private static final Duration LEASE = Duration.ofSeconds(10);

    enum Mode {
        /** A fresh transformer reading and the clock set. */
        NORMAL,
        /** No transformer reading: the safe EV power (more than the circuit holds) is shared. */
        CONSERVATIVE,
        /** The clock earlier than it can be. */
        CLOCK_NOT_SET
    }

    private final Compound compound = CompoundFixtures.compound().limitKw(100).circuit("c", CIRCUIT_A * 0.22)
            .pile("P1", Phase.A, 6, 32, "c").pile("P2", Phase.A, 6, 32, "c").build();
    private final VirtualClock clock = new VirtualClock(Instant.parse("2026-01-13T15:00:00Z"), ZONE); // 23:00
    private final TestTicker ticker = new TestTicker();
    /** When the second pile was last heard, on the ticker. */
    private long p2HeardAt;
    private boolean p2Silent;
    private PileObservation p2Last;
    private ControlCycle cycle;
    private Mode mode;

    private void start(Mode mode) {
        start(mode, ControlCycle.DEFAULT_PILE_OFFLINE_AFTER);
    }

    private void start(Mode mode, Duration offlineAfter) {
        this.mode = mode;
        ClockFloor floor = mode == Mode.CLOCK_NOT_SET
                ? new ClockFloor(clock.instant().plusSeconds(86_400), "a test's floor") : ClockFloor.NONE;
        OrderlyPolicy policy = policyFor(compound, BeijingTariff.tariff(), LiveSettings.of(1.8)).build();
        cycle = CycleBuilder.cycle(compound, policy, clock, 20).clockFloor(floor).ticker(ticker).offlineAfter(offlineAfter).build();
        cycle.fallback(0, new Fallback(FALLBACK_A, LEASE));
        cycle.fallback(1, new Fallback(FALLBACK_A, LEASE));
    }

    private void advance(int seconds) {
        clock.advanceSeconds(seconds);
        ticker.advance(Duration.ofSeconds(seconds));
    }

    /** One cycle: the first pile reports drawing what it was given, the second likewise unless silent. */
    private CycleResult run(CycleResult last) {
        double p1Kw = last == null ? 0 : compound.kw(0, last.allocation().amps()[0]);
        PileObservation p1 = observation(0, true, p1Kw, 1, clock.instant()).build();
        // Silent, the second pile draws its fallback once its lease has lapsed; its last report stays as it was.
        double p2DrawsKw;
        if (p2Silent) {
            p2DrawsKw = compound.kw(1, FALLBACK_A);
        } else {
            p2DrawsKw = last == null ? 0 : compound.kw(1, last.allocation().amps()[1]);
            p2Last = observation(1, true, p2DrawsKw, 1, clock.instant()).build();
            p2HeardAt = ticker.now().nanos();
        }
        PileObservation p2 = observation(1, true, p2Last.powerKw(), 1, p2Last.readAt())
                .age(Duration.ofNanos(ticker.now().nanos() - p2HeardAt)).build();
        TransformerReading reading = mode == Mode.CONSERVATIVE ? null
                : new TransformerReading(HOUSEHOLDS_KW + p1Kw + p2DrawsKw, clock.instant(), Duration.ZERO);
        return cycle.run(reading, List.of(p1, p2), List.of());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aSilentPileIsHeldItsFallbackAndTheOtherGetsTheRestOfTheCircuit(Mode mode) {
        start(mode);
        CycleResult r = run(null);
        Instant departure = clock.instant().plusSeconds(3600);
        cycle.sessions().declare(0, new Declaration(departure, 40));
        cycle.sessions().declare(1, new Declaration(departure, 40));
        for (int i = 0; i < 6; i++) {
            advance(5);
            r = run(r);
        }
        assertThat(r.allocation().amps()[0]).as("both charging, sharing the circuit").isEqualTo(16, within(0.11));
        assertThat(r.allocation().amps()[1]).isEqualTo(16, within(0.11));
        String p2Session = r.plugged().stream().filter(s -> s.pileIndex() == 1).findFirst().orElseThrow().id();

        p2Silent = true;
        Double heldFirst = null;
        long until = ControlCycle.DEFAULT_PILE_OFFLINE_AFTER.plus(LEASE).toSeconds() + 5;
        for (int s = 5; s <= until; s += 5) {
            advance(5);
            r = run(r);
            assertThat(r.allocation().amps()[0] + Math.max(r.allocation().amps()[1], r.reserved().ampsOf(1)))
                    .as("the circuit, at %d s of silence", s).isLessThanOrEqualTo(CIRCUIT_A + 1e-9);
            if (heldFirst == null && r.reasons().get(1) == PileReason.PILE_OFFLINE) {
                heldFirst = r.reserved().ampsOf(1);
            }
        }
        // A renewal of its 16 A lease may have been taken after its last report: held until that lease has lapsed too.
        assertThat(heldFirst).as("held when it went offline").isEqualTo(16, within(0.11));

        assertThat(r.allocation().amps()[1]).as("nothing planned for the silent pile").isZero();
        assertThat(r.reserved().ampsOf(1)).as("its fallback held for it").isEqualTo(FALLBACK_A);
        assertThat(r.allocation().amps()[0]).as("the live pile gets the rest of the circuit")
                .isEqualTo(CIRCUIT_A - FALLBACK_A, within(0.11));
        assertThat(r.reasons().get(1)).isEqualTo(PileReason.PILE_OFFLINE);
        if (mode != Mode.CONSERVATIVE) {
            // The silent pile's last report (16 A) is not taken off the meter's total: what it draws now is the
            // households' as far as the cycle can tell, never less.
            assertThat(r.baseKw()).isEqualTo(HOUSEHOLDS_KW + compound.kw(1, FALLBACK_A), within(1e-6));
        }
        assertThat(r.plugged()).as("its session stays open").anySatisfy(s -> assertThat(s.id()).isEqualTo(p2Session));

        p2Silent = false;
        advance(5);
        r = run(r);
        assertThat(r.reasons().get(1)).isNotEqualTo(PileReason.PILE_OFFLINE);
        assertThat(r.reserved().ampsOf(1)).isZero();
        // Planned for (or shared) again at once, but the first pile's car still draws the rest of the circuit it had:
        // the room it is to let go of is not given before it has (FollowHold, the cycle's, in every mode).
        assertThat(r.allocation().amps()[0]).as("the first pile's share, cut at once").isEqualTo(16, within(0.11));
        assertThat(r.allocation().amps()[1]).as("held while the first car follows").isZero();
        if (mode == Mode.NORMAL) {
            assertThat(r.reasons().get(1)).isEqualTo(PileReason.CIRCUIT_LIMIT);
        }
        advance(5);
        r = run(r);
        assertThat(r.allocation().amps()[1]).as("charging again").isGreaterThan(0);
        assertThat(r.allocation().amps()[0] + r.allocation().amps()[1]).isLessThanOrEqualTo(CIRCUIT_A + 1e-9);
        assertThat(r.plugged()).as("the same session goes on").filteredOn(s -> s.pileIndex() == 1)
                .singleElement().satisfies(s -> assertThat(s.id()).isEqualTo(p2Session));
    }

    /** The cycle goes by the time it is given: silent for 15 s of 20 s it is still planned for, for 25 s it is not. */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void aPileIsOfflineAfterTheTimeTheCycleIsGiven(Mode mode) {
        start(mode, Duration.ofSeconds(20));
        CycleResult r = run(null);
        for (int i = 0; i < 3; i++) {
            advance(5);
            r = run(r);
        }
        p2Silent = true;
        for (int s = 5; s <= 15; s += 5) {
            advance(5);
            r = run(r);
        }
        assertThat(r.reasons().get(1)).as("silent for 15 s").isNotEqualTo(PileReason.PILE_OFFLINE);
        assertThat(r.reserved().ampsOf(1)).isZero();
        advance(10);
        r = run(r);
        assertThat(r.reasons().get(1)).as("silent for 25 s").isEqualTo(PileReason.PILE_OFFLINE);
        assertThat(r.allocation().amps()[1]).isZero();
        assertThat(r.reserved().ampsOf(1)).isGreaterThanOrEqualTo(FALLBACK_A);
    }

    /**
     * A bridge whose own safe current is above the pile's maximum in the configuration (its --max-amps and --safe-amps
     * above maxA: a WARN at contact) offers its car that current on its own once silent: that is held, not the maximum.
     */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void aFallbackAboveThePilesMaximumIsHeldWhole(Mode mode) {
        start(mode);
        cycle.fallback(1, new Fallback(40, LEASE));
        CycleResult r = run(null);
        for (int i = 0; i < 3; i++) {
            advance(5);
            r = run(r);
        }
        p2Silent = true;
        long until = ControlCycle.DEFAULT_PILE_OFFLINE_AFTER.plus(LEASE).toSeconds() + 5;
        for (int s = 5; s <= until; s += 5) {
            advance(5);
            r = run(r);
        }
        assertThat(r.reasons().get(1)).isEqualTo(PileReason.PILE_OFFLINE);
        assertThat(r.reserved().ampsOf(1)).as("what its bridge offers on its own, above its 32 A maximum").isEqualTo(40);
        assertThat(r.allocation().amps()[0]).as("no room left on the circuit for the other").isZero();
    }
}
