package org.orderly.gateway.app.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.orderly.gateway.app.live.ObservationBuilder.observation;
import static org.orderly.gateway.app.live.ReadingBuilder.meterReading;

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
import org.orderly.gateway.core.time.TestTicker;
import org.orderly.gateway.core.time.VirtualClock;

/**
 * The least the cycle says the transformer reading held of each pile's draw ({@link CycleResult#drawInTheReadingKw}),
 * by which the telemetry's least total now ({@code flex.leastKw}, a cap reply's {@code leastKw}) counts each pile once,
 * as it draws now: a rise reported after the meter was read is not in that reading, a fall reported so may be (a pile's
 * report lags its car), and the draw before a fall is where a report of it came after the reading. One single-phase
 * pile on a 66 kW transformer; the meter is read 800 ms before the cycle.
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
    void aFallFirstReportedAfterTheMeterWasReadMayBeInItAlready() {
        // The meter, read 800 ms ago, may hold the car's 3 kW or its stop, said 100 ms ago.
        CycleResult r = stoppedAfter(Duration.ofMillis(100), Duration.ofMillis(800), Duration.ofMillis(800));

        assertThat(r.drawInTheReadingKw(0, 0)).as("until 2026-12-07 its 3 kW, the telemetry taking the lower itself")
                .isZero();
    }

    @Test
    void aFallAfterAReportThatCameAfterTheMeterWasReadLeavesTheDrawBeforeItInIt() {
        // The meter read 500 ms before the pile said 3 kW again (100 ms before that cycle); that reading, 1.5 s old when
        // the pile says the stop, held its 3 kW.
        CycleResult r = stoppedAfter(Duration.ofMillis(500), Duration.ofMillis(100), Duration.ofMillis(1500));

        assertThat(r.drawInTheReadingKw(0, 0)).isCloseTo(3, within(1e-9));
    }

    /**
     * The car draws 3 kW; a second on the meter reads 23 kW {@code readAgo} ago and the pile says 3 kW {@code saidAgo}
     * ago; a second on the car stopped, said 100 ms ago, beside the meter's 23 kW read {@code readAgoAtTheStop} ago:
     * that cycle's result.
     */
    private CycleResult stoppedAfter(Duration readAgo, Duration saidAgo, Duration readAgoAtTheStop) {
        cycle.run(reading(20, Duration.ZERO), drawing(3, Duration.ZERO), List.of());
        advanceMillis(1000);
        cycle.run(reading(23, readAgo), drawing(3, saidAgo), List.of());
        advanceMillis(1000);
        return cycle.run(reading(23, readAgoAtTheStop), drawing(0, Duration.ofMillis(100)), List.of());
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
        return meterReading(kw, clock.instant(), age).phaseKw(Map.of("power.a.kw", kw - 4, "power.b.kw", 2.0, "power.c.kw", 2.0)).build();
    }

    /** The car drawing {@code kw}, as its pile reported {@code age} ago. */
    private List<PileObservation> drawing(double kw, Duration age) {
        return List.of(observation(0, true, kw, 0, clock.instant()).age(age).build());
    }
}
