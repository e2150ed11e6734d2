package org.orderly.gateway.app.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.CompoundFixtures;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.policy.EqualSharePolicy;
import org.orderly.gateway.core.time.VirtualClock;

/**
 * A 66 kW transformer with 100 A lines at 220 V (22 kW a line) and two single-phase piles on line A. The households
 * load line A far more than B and C: the meter reads each line's power, and the piles on line A must be held to what
 * line A has left, not to a third of the households' total.
 */
class ControlCycleLineTest {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final double VOLTS = CompoundFixtures.VOLTS;

    private final Compound compound = CompoundFixtures.compound().limitKw(66).phaseLimitA(100)
            .pile("a1", Phase.A, null).pile("a2", Phase.A, null).build();
    private final VirtualClock clock = new VirtualClock(Instant.parse("2026-01-13T15:00:00Z"), ZONE);
    private final ControlCycle cycle = new ControlCycle(compound, new EqualSharePolicy(compound, clock), clock,
            Duration.ofSeconds(5), 8.0, SessionNumbers.inMemory());

    private TransformerReading reading(double aKw, double bKw, double cKw) {
        return new TransformerReading(aKw + bKw + cKw, clock.instant(), Duration.ZERO,
                Map.of("power.a.kw", aKw, "power.b.kw", bKw, "power.c.kw", cKw));
    }

    private List<PileObservation> drawing(double kwEach) {
        return List.of(new PileObservation(0, true, kwEach, 0, clock.instant()),
                new PileObservation(1, true, kwEach, 0, clock.instant()));
    }

    /** Line A's current: the households' on it plus the piles'. */
    private static double lineAmps(double householdKw, CycleResult r) {
        return householdKw * 1000 / VOLTS + r.allocation().amps()[0] + r.allocation().amps()[1];
    }

    @Test
    void thePilesOnTheHeavilyLoadedLineAreHeldToThatLinesLimit() {
        // Households: 20 kW on A, 2 kW each on B and C. Line A has 22 - 20 = 2 kW (9.1 A) left, not 22 - 24 / 3.
        CycleResult r = cycle.run(reading(20, 2, 2), drawing(0), List.of());

        assertThat(r.mode()).isEqualTo(ControlMode.NORMAL);
        assertThat(lineAmps(20, r)).as("line A's current, households' and piles'").isLessThanOrEqualTo(100 + 1e-6);
    }

    @Test
    void whatThePilesOnALineDrawIsTakenOffThatLinesPowerAlone() {
        CycleResult first = cycle.run(reading(15, 2, 2), drawing(0), List.of());
        clock.advanceSeconds(1);
        double eachKw = compound.kw(0, first.allocation().amps()[0]);
        assertThat(first.allocation().amps()[1]).isEqualTo(first.allocation().amps()[0]);

        // The cars draw what they were given: the meter's line A carries it on top of the households' 15 kW.
        CycleResult r = cycle.run(reading(15 + 2 * eachKw, 2, 2), drawing(eachKw), List.of());

        assertThat(r.baseKw()).isCloseTo(19, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(lineAmps(15, r)).as("line A's current, households' and piles'").isLessThanOrEqualTo(100 + 1e-6);
        assertThat(lineAmps(15, r)).as("line A is used, not left idle").isGreaterThan(95);
    }
}
