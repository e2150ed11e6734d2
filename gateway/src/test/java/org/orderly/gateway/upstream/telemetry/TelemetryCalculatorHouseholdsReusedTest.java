package org.orderly.gateway.upstream.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.app.live.ControlCycle;
import org.orderly.gateway.app.live.CycleResult;
import org.orderly.gateway.app.live.CycleSeen;
import org.orderly.gateway.app.live.PileObservation;
import org.orderly.gateway.app.live.SessionNumbers;
import org.orderly.gateway.app.live.TransformerReading;
import org.orderly.gateway.core.CompoundFixtures;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.policy.EqualSharePolicy;
import org.orderly.gateway.core.time.ClockFloor;
import org.orderly.gateway.core.time.Tick;
import org.orderly.gateway.core.time.VirtualClock;
import org.orderly.gateway.upstream.command.CapReach;
import org.orderly.gateway.upstream.message.TelemetryBody;

/**
 * The least total now ({@code flex.leastKw}, a cap reply's {@code meet}) while the control cycle keeps to the households
 * of its last plausible reading, the new one not taken (below what the piles alone drew in it, or flowing back before
 * its hold): those households are no older than a fresh reading may be, and the cycle decides by them, so the least
 * total is said from them and what the cycle took off that reading for each pile, with each pile's draw as it is now.
 * Until 2026-12-07 it was null for those cycles (a cap accepted then was answered {@code "meetable": null}). One
 * single-phase pile offered 32 A (7.04 kW), its car drawing 9 kW: it does not follow; the households 10 kW.
 */
class TelemetryCalculatorHouseholdsReusedTest {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final double HOUSEHOLDS_KW = 10;
    private static final double CAR_KW = 9;

    private final Compound compound = CompoundFixtures.compound().limitKw(66).pile("a1", Phase.A, 6, 32, null).build();
    private final VirtualClock clock = new VirtualClock(Instant.parse("2026-12-07T06:30:00Z"), ZONE);
    private final AtomicLong nanos = new AtomicLong();
    private final ControlCycle cycle = new ControlCycle(compound, new EqualSharePolicy(compound), clock,
            Duration.ofSeconds(5), 8.0, SessionNumbers.inMemory(), ClockFloor.NONE, () -> new Tick(nanos.get()));

    @Test
    void aReadingBelowThePilesKeepsTheLeastTotalOfTheHouseholdsLastKnown() {
        telemetry(HOUSEHOLDS_KW + CAR_KW, CAR_KW, Duration.ZERO);
        telemetry(HOUSEHOLDS_KW + CAR_KW, CAR_KW, Duration.ofMillis(900));

        // The meter reads 4 kW, below the car's own 9 kW: no reading of the households; the cycle keeps the last ones.
        TelemetryBody body = telemetry(4, CAR_KW, Duration.ofMillis(900));
        CapReach reach = CapReach.of(body, null, clock.instant(), clock.instant().plusSeconds(60));

        assertThat(body.transformerKw()).as("the reading not taken: %s", body).isNull();
        assertThat(body.baseKw()).as("the households last known, the car's 1.96 kW above its offer in them: %s", body)
                .isCloseTo(HOUSEHOLDS_KW + CAR_KW - 32 * CompoundFixtures.KW_PER_A_1PH, within(1e-9));
        assertThat(reach.leastKw()).as("the households and the car's 9 kW, counted once: %s", body)
                .isNotNull().isCloseTo(HOUSEHOLDS_KW + CAR_KW, within(1e-9));
        assertThat(reach.meetable(HOUSEHOLDS_KW + CAR_KW - 1)).isFalse();
        assertThat(reach.meetable(HOUSEHOLDS_KW + CAR_KW)).isTrue();
    }

    @Test
    void aReadingFlowingBackKeepsTheLeastTotalOfTheHouseholdsLastKnown() {
        telemetry(HOUSEHOLDS_KW + CAR_KW, CAR_KW, Duration.ZERO);
        telemetry(HOUSEHOLDS_KW + CAR_KW, CAR_KW, Duration.ofMillis(900));

        // A CT turned the wrong way: -3 kW, within its hold; the car rose to 11 kW since.
        TelemetryBody body = telemetry(-3, 11, Duration.ofMillis(100));

        assertThat(body.flex().leastKw()).as("the households and the car's 11 kW now: %s", body)
                .isNotNull().isCloseTo(HOUSEHOLDS_KW + 11, within(1e-9));
    }

    @Test
    void aStaleReadingLeavesTheLeastTotalUnknown() {
        telemetry(HOUSEHOLDS_KW + CAR_KW, CAR_KW, Duration.ZERO);
        clock.set(clock.instant().plusSeconds(6));
        nanos.addAndGet(Duration.ofSeconds(6).toNanos());

        // The meter's reading below the piles for longer than a reading may be old: the cycle is conservative.
        TelemetryBody body = telemetry(4, CAR_KW, Duration.ZERO);

        assertThat(body.baseKw()).as("%s", body).isNull();
        assertThat(body.flex().leastKw()).as("%s", body).isNull();
    }

    /**
     * A second on, a cycle with the meter's total {@code readKw} read just now, and the car drawing {@code carKw} as its
     * pile said {@code saidAgo}: that cycle's telemetry.
     */
    private TelemetryBody telemetry(double readKw, double carKw, Duration saidAgo) {
        clock.set(clock.instant().plusSeconds(1));
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        TransformerReading reading = new TransformerReading(readKw, clock.instant(), Duration.ZERO);
        List<PileObservation> piles = List.of(new PileObservation(0, true, carKw, 0, clock.instant().minus(saidAgo), true,
                Optional.empty(), saidAgo));
        CycleResult result = cycle.run(reading, piles, List.of());
        return new TelemetryCalculator(compound).of(new CycleSeen(clock.instant(), reading, piles, result));
    }
}
