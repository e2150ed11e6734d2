package org.orderly.gateway.app.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.CompoundFixtures;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.policy.EqualSharePolicy;
import org.orderly.gateway.core.time.TestTicker;
import org.orderly.gateway.core.time.VirtualClock;

/**
 * What the cycle says the transformer reading held of each pile's draw ({@link CycleResult#drawInTheReadingKw}), by
 * which the telemetry's least total now ({@code flex.leastKw}, a cap reply's {@code leastKw}) counts each pile once, as
 * it draws now: a draw reported after the meter was read is not in that reading, the draw before it is. One
 * single-phase pile on a 66 kW transformer; the meter is read 800 ms before the cycle.
 */
class ControlCycleDrawInTheReadingTest {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private final Compound compound = CompoundFixtures.compound().limitKw(66).pile("a1", Phase.A, null).build();
    private final VirtualClock clock = new VirtualClock(Instant.parse("2026-01-13T15:00:00Z"), ZONE);
    private final TestTicker ticker = new TestTicker();
    private final ControlCycle cycle = CycleBuilder.cycle(compound, new EqualSharePolicy(compound), clock, 8.0).ticker(ticker).build();

    @Test
    void aDrawReportedAfterTheMeterWasReadIsNotInIt() {
        cycle.run(reading(20, Duration.ZERO), drawing(0, Duration.ZERO), List.of());
        advanceMillis(1000);

        // The car began to draw 3 kW and says so 100 ms ago; the meter was read 800 ms ago.
        CycleResult r = cycle.run(reading(20, Duration.ofMillis(800)), drawing(3, Duration.ofMillis(100)), List.of());

        assertThat(r.drawInTheReadingKw(0, 3)).as("the car's draw, begun after the reading").isZero();
    }

    @Test
    void aDrawReportedBeforeTheMeterWasReadIsInIt() {
        cycle.run(reading(20, Duration.ZERO), drawing(0, Duration.ZERO), List.of());
        advanceMillis(1000);

        CycleResult r = cycle.run(reading(23, Duration.ofMillis(100)), drawing(3, Duration.ofMillis(800)), List.of());

        assertThat(r.drawInTheReadingKw(0, 3)).isCloseTo(3, within(1e-9));
    }

    @Test
    void aFallReportedAfterTheMeterWasReadLeavesTheDrawBeforeItInIt() {
        cycle.run(reading(20, Duration.ZERO), drawing(0, Duration.ZERO), List.of());
        advanceMillis(1000);
        cycle.run(reading(23, Duration.ofMillis(100)), drawing(3, Duration.ofMillis(800)), List.of());
        advanceMillis(1000);

        // The car stopped, said 100 ms ago; the meter, read 800 ms ago, still holds its 3 kW.
        CycleResult r = cycle.run(reading(23, Duration.ofMillis(800)), drawing(0, Duration.ofMillis(100)), List.of());

        assertThat(r.drawInTheReadingKw(0, 0)).isCloseTo(3, within(1e-9));
    }

    @Test
    void withAStaleReadingNothingIsSaid() {
        CycleResult r = cycle.run(reading(20, Duration.ofSeconds(30)), drawing(3, Duration.ZERO), List.of());

        assertThat(r.inTheReadingKw()).as("no households from that reading").isNull();
    }

    private void advanceMillis(long ms) {
        clock.set(clock.instant().plusMillis(ms));
        ticker.advance(Duration.ofMillis(ms));
    }

    /** The total {@code kw}, all of it on line A but 2 kW on each of B and C, read {@code age} ago. */
    private TransformerReading reading(double kw, Duration age) {
        return new TransformerReading(kw, clock.instant(), age, Map.of("power.a.kw", kw - 4, "power.b.kw", 2.0,
                "power.c.kw", 2.0));
    }

    /** The car drawing {@code kw}, as its pile reported {@code age} ago. */
    private List<PileObservation> drawing(double kw, Duration age) {
        return List.of(new PileObservation(0, true, kw, 0, clock.instant(), true, Optional.empty(), age));
    }
}
