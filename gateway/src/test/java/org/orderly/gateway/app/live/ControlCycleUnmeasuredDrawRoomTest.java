package org.orderly.gateway.app.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderly.gateway.core.CompoundFixtures.KW_PER_A_1PH;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.CompoundFixtures;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.time.VirtualClock;

/**
 * A pile that does not say what its car draws (a Modbus pile without a power register) on a line with less room than
 * its car would take: nothing of the car's draw comes off the meter's total, so what it draws is the households' at the
 * next reading. Until 2026-12-06 it was given the line's whole room, cut to 0 A the next cycle (its own draw taken for
 * the households), and paused for its settle time: 1 s on, 30 s off, for as long as nothing changed. Line A of a 66 kW
 * transformer with 40 A lines at 220 V, 20 A of households on it; the live policy at 23:00 in Beijing (the valley: it
 * charges at once), one-second cycles on a test ticker; the car takes each offer by the next cycle.
 */
class ControlCycleUnmeasuredDrawRoomTest {
    private static final double LINE_A = 40;
    private static final double HOUSEHOLDS_A = 20;

    private final Compound compound = CompoundFixtures.compound().limitKw(66).phaseLimitA(LINE_A)
            .pile("a1", Phase.A, null).build();
    private final VirtualClock clock = LivePolicyCycle.inTheValley();
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final ControlCycle cycle = LivePolicyCycle.of(compound, clock, nanos);

    @Test
    void aPileThatDoesNotSayItsDrawSettlesOnOneOfferWithinTheRoomItsOwnDrawLeaves() {
        List<Double> offers = new ArrayList<>();
        double drawA = 0;
        for (int s = 0; s < 60; s++) {
            double offer = run(drawA);
            // Its draw is the households' for all the cycle knows: the room against the heaviest they may be.
            assertThat(offer).as("cycle %d's offer, the car drawing %.1f A", s, drawA)
                    .isLessThanOrEqualTo(LINE_A - HOUSEHOLDS_A - drawA + 1e-6);
            offers.add(offer);
            drawA = offer;
        }

        List<Double> settled = offers.subList(10, offers.size());
        assertThat(settled).as("the offers from the 10th cycle on (all: %s)", offers).containsOnly(settled.get(0));
        assertThat(settled.get(0)).as("the offer it settles on").isPositive();
    }

    @Test
    void withAmpleRoomItIsRaisedToWithinAnAmpereOfItsMaximumInFiveCycles() {
        // 100 A lines: with 20 A of households, the car's 32 A and as much again fit.
        Compound wide = CompoundFixtures.compound().limitKw(66).phaseLimitA(100).pile("a1", Phase.A, null).build();
        ControlCycle ample = LivePolicyCycle.of(wide, clock, nanos);
        List<Double> offers = new ArrayList<>();
        double drawA = 0;
        for (int s = 0; s < 8; s++) {
            drawA = run(ample, drawA);
            offers.add(drawA);
        }

        // The last ampere up to its 32 A is a change of its ask the policy does not pass on (OrderlySettings.STEADY_WITHIN_A).
        assertThat(offers).as("its offers, the car taking each by the next cycle")
                .containsExactly(16.0, 24.0, 28.0, 30.0, 31.0, 31.0, 31.0, 31.0);
    }

    /** One cycle, the car drawing {@code drawA} and its pile not saying so, read just now; then a second on. */
    private double run(double drawA) {
        return run(cycle, drawA);
    }

    private double run(ControlCycle cycle, double drawA) {
        double lineAKw = (HOUSEHOLDS_A + drawA) * KW_PER_A_1PH;
        TransformerReading reading = new TransformerReading(lineAKw + 4, clock.instant(), Duration.ZERO,
                Map.of("power.a.kw", lineAKw, "power.b.kw", 2.0, "power.c.kw", 2.0));
        PileObservation pile = new PileObservation(0, true, 0, 1, clock.instant(), true, Optional.empty(), Duration.ZERO,
                false);
        CycleResult r = cycle.run(reading, List.of(pile), List.of());
        clock.advanceSeconds(1);
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        return r.allocation().amps()[0];
    }
}
