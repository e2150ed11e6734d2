package org.orderly.gateway.app.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.orderly.gateway.app.live.ObservationBuilder.observation;
import static org.orderly.gateway.core.CompoundFixtures.KW_PER_A_1PH;
import static org.orderly.gateway.core.policy.PolicyBuilder.policyFor;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.CompoundFixtures;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.policy.LiveSettings;
import org.orderly.gateway.core.policy.OrderlyPolicy;
import org.orderly.gateway.core.tariff.BeijingTariff;
import org.orderly.gateway.core.time.ClockFloor;
import org.orderly.gateway.core.time.TestTicker;
import org.orderly.gateway.core.time.VirtualClock;

/**
 * The cycles after a cut: a car still drawing its old current is counted once, not both in the households' load (its
 * draw above what it was last allowed) and at the draw its hold keeps for it. A 9 kW transformer, households at 0.2 kW:
 * room for 40 A of cars. Two 6..32 A piles on one line, the second limited to 6 A by the installer; the clock not set,
 * so the cycle shares the live room itself (no policy), one-second cycles on a test ticker.
 */
class ControlCycleHeldDrawTest {
    private static final double HOUSEHOLDS_KW = 0.2;
    private static final double LIMIT_KW = HOUSEHOLDS_KW + 40 * KW_PER_A_1PH;

    private final Compound compound = CompoundFixtures.compound().limitKw(LIMIT_KW)
            .pile("P0", Phase.A, null).pile("P1", Phase.A, null).build();
    private final VirtualClock clock = new VirtualClock(Instant.parse("2026-01-13T15:30:00Z"), ZoneId.of("Asia/Shanghai"));
    private final TestTicker ticker = new TestTicker(1_000_000_000L);
    private final ControlCycle cycle = CycleBuilder.cycle(compound,
            policyFor(compound, BeijingTariff.tariff(), LiveSettings.of(1.8)).build(), clock, 10)
            .clockFloor(new ClockFloor(clock.instant().plusSeconds(3600), "a test's floor")).ticker(ticker).build();

    /** One cycle with the cars drawing {@code drawA} ({@code plugged1}: whether car 1 is there), then a second on. */
    private CycleResult run(double otherHouseholdKw, boolean plugged1, double draw0, double draw1) {
        List<PileObservation> piles = List.of(
                observation(0, true, draw0 * KW_PER_A_1PH, 1, clock.instant()).build(),
                observation(1, plugged1, draw1 * KW_PER_A_1PH, 1, clock.instant()).build());
        double totalKw = HOUSEHOLDS_KW + otherHouseholdKw + (draw0 + draw1) * KW_PER_A_1PH;
        CycleResult r = cycle.run(new TransformerReading(totalKw, clock.instant(), Duration.ZERO), piles, List.of());
        assertThat(r.mode()).isEqualTo(ControlMode.CLOCK_NOT_SET);
        clock.advanceSeconds(1);
        ticker.advance(Duration.ofSeconds(1));
        return r;
    }

    @Test
    void aCarStillDrawingItsOldCurrentAfterACutIsCountedOnce() {
        cycle.limitPile(1, 6);
        assertThat(run(0, false, 0, 0).allocation().amps()[0]).as("car 0 alone").isEqualTo(32);
        // The households draw 2.64 kW (12 A) more for a moment: car 0 is cut to 28 A, and still draws 32 A.
        double cut = run(12 * KW_PER_A_1PH, false, 32, 0).allocation().amps()[0];
        assertThat(cut).isLessThan(28.5);

        // The households are back at 0.2 kW, car 0 still draws 32 A (a second after its cut) and car 1 comes. Room: 40 A,
        // of which car 0 may draw 32: car 1's 6 A fit. Counting the 4 A car 0 draws above its new offer as households
        // as well left 36 A, and held car 1 back.
        CycleResult r = run(0, true, 32, 0);
        assertThat(r.allocation().amps()[1]).as("car 1 beside car 0's 32 A").isEqualTo(6);
        assertThat(r.allocation().amps()[0]).as("car 0 back at the 32 A it still draws").isEqualTo(32);
        assertThat(r.baseKw()).as("the households, car 0 counted at what it may still draw")
                .isEqualTo(HOUSEHOLDS_KW, within(1e-9));
        double carsMayDrawA = Math.max(32, r.allocation().amps()[0]) + r.allocation().amps()[1];
        assertThat(HOUSEHOLDS_KW + carsMayDrawA * KW_PER_A_1PH).as("never over the transformer")
                .isLessThanOrEqualTo(LIMIT_KW + 1e-9);
    }

    @Test
    void aCarThatNeverFollowsIsCountedWholeAgainOnceItsTimeIsOver() {
        cycle.limitPile(1, 6);
        run(0, false, 0, 0);
        // The households stay 12 A heavier and car 1 comes: car 0 is cut to 22 A and keeps drawing 32 A.
        double spikeKw = 12 * KW_PER_A_1PH;
        CycleResult cutAt = run(spikeKw, true, 32, 0);
        double cut = cutAt.allocation().amps()[0];
        assertThat(cut).isEqualTo(22);
        assertThat(cutAt.allocation().amps()[1]).isZero();
        for (int s = 1; s <= 4; s++) {
            CycleResult r = run(spikeKw, true, 32, 0);
            assertThat(r.allocation().amps()[1]).as("car 1 at %d s: 12 + 32 + 6 A are over the 40 A of room", s).isZero();
            assertThat(r.baseKw()).as("the households at %d s, car 0 held at its 32 A", s)
                    .isEqualTo(HOUSEHOLDS_KW + spikeKw, within(1e-9));
            assertThat(r.allocation().amps()[0]).isEqualTo(cut);
        }
        // 5 s on, car 0 has had its time: what it draws above its 22 A is the households' again, and it is cut anew.
        CycleResult r = run(spikeKw, true, 32, 0);
        assertThat(r.baseKw()).isEqualTo(HOUSEHOLDS_KW + spikeKw + (32 - cut) * KW_PER_A_1PH, within(1e-9));
        assertThat(r.allocation().amps()[0])
                .as("18 A of room (less the 12 A and car 0's 10 A above its offer), less car 1's 6 A")
                .isEqualTo(12);
        assertThat(r.allocation().amps()[1]).as("car 0 may still draw 32 A: its new cut is held").isZero();
    }
}
