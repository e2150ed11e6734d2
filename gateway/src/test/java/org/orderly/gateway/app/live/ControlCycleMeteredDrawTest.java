package org.orderly.gateway.app.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.CompoundFixtures;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.policy.EqualSharePolicy;
import org.orderly.gateway.core.policy.OrderlyPolicy;
import org.orderly.gateway.core.policy.OrderlySettings;
import org.orderly.gateway.core.tariff.BeijingTariff;
import org.orderly.gateway.core.time.ClockFloor;
import org.orderly.gateway.core.time.Tick;
import org.orderly.gateway.core.time.VirtualClock;

/**
 * A draw measured by the pile's bus meter ({@code meters.piles[]}) is matched with the transformer reading by the meter
 * reading's time, not by the pile's report's: a bridge reports every few seconds, and a Modbus pile is read each period
 * while its meter is read round-robin, so the two are up to seconds apart. Until 2026-12-04 it went by the report's
 * ({@code ControlCycleMeterLagTest} says why the time matters): a car's rise the meter saw after the transformer was read
 * was taken off that reading, and a rise the transformer saw after the meter was read was left on the households. A
 * 66 kW transformer with 100 A lines at 220 V and one single-phase pile on line A.
 */
class ControlCycleMeteredDrawTest {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final double VOLTS = CompoundFixtures.VOLTS;

    private final Compound compound = CompoundFixtures.compound().limitKw(66).phaseLimitA(100)
            .pile("a1", Phase.A, null).build();
    private final VirtualClock clock = new VirtualClock(Instant.parse("2026-01-13T15:00:00Z"), ZONE);
    private final AtomicLong nanos = new AtomicLong();

    private void advanceMillis(long ms) {
        clock.set(clock.instant().plusMillis(ms));
        nanos.addAndGet(Duration.ofMillis(ms).toNanos());
    }

    /** Line A carrying {@code aKw}, 2 kW on B and C, read {@code age} ago. */
    private TransformerReading reading(double aKw, Duration age) {
        return new TransformerReading(aKw + 4, clock.instant(), age, Map.of("power.a.kw", aKw, "power.b.kw", 2.0,
                "power.c.kw", 2.0));
    }

    /** The pile's report came {@code reportAge} ago; its meter read the car drawing {@code kw} {@code drawAge} ago. */
    private List<PileObservation> metered(double kw, Duration reportAge, Duration drawAge) {
        Instant now = clock.instant();
        return List.of(new PileObservation(0, true, kw, 0, now.minus(reportAge), true, Optional.empty(), reportAge, true,
                Optional.empty(), true, Optional.empty(), now.minus(drawAge), drawAge));
    }

    @Test
    void aRiseTheMeterReadAfterTheTransformerIsNotTakenOffItsReadingThoughThePileReportedBefore() {
        ControlCycle cycle = new ControlCycle(compound, new EqualSharePolicy(compound), clock, Duration.ofSeconds(5),
                8.0, SessionNumbers.inMemory(), ClockFloor.NONE, () -> new Tick(nanos.get()));
        // Households 20 kW on line A (90.9 A): 9.1 A left for the pile, a bridge whose own meter is silent.
        CycleResult first = cycle.run(reading(20, Duration.ZERO), metered(0, Duration.ZERO, Duration.ZERO), List.of());
        double givenA = first.allocation().amps()[0];
        assertThat(givenA).isPositive().isLessThanOrEqualTo(100 - 20_000 / VOLTS + 1e-6);

        // A second on, the bridge has not reported again (its report is a second old), its bus meter read the car
        // drawing what it was given 100 ms ago, and the transformer was read 800 ms ago, before the car began.
        advanceMillis(1000);
        CycleResult r = cycle.run(reading(20, Duration.ofMillis(800)),
                metered(compound.kw(0, givenA), Duration.ofMillis(1000), Duration.ofMillis(100)), List.of());

        assertThat(r.allocation().amps()[0]).as("the pile, its draw not yet in the transformer's line A")
                .isLessThanOrEqualTo(100 - 20_000 / VOLTS + 1e-6);
    }

    @Test
    void aRiseTheTransformerMayHoldAfterTheMeterWasReadDoesNotCutThePileThoughThePileReportedAfter() {
        // The live policy, which opens a raise's possible rise for its cars' follow time (5 s), at 23:00 in Beijing.
        ControlCycle cycle = new ControlCycle(compound,
                new OrderlyPolicy(compound, BeijingTariff.tariff(), OrderlySettings.live(1.8)), clock,
                Duration.ofSeconds(5), 8.0, SessionNumbers.inMemory(), ClockFloor.NONE, () -> new Tick(nanos.get()),
                ControlCycle.DEFAULT_PILE_OFFLINE_AFTER);
        CycleResult first = cycle.run(reading(20, Duration.ZERO), metered(0, Duration.ZERO, Duration.ZERO), List.of());
        double givenA = first.allocation().amps()[0];
        double givenKw = compound.kw(0, givenA);
        advanceMillis(1000);

        // A Modbus pile without a power register, read just now; its meter was last read 300 ms ago, before the car
        // took its raise, and the transformer 100 ms ago, after: line A holds the car's rise.
        CycleResult r = cycle.run(reading(20 + givenKw, Duration.ofMillis(100)),
                metered(0, Duration.ZERO, Duration.ofMillis(300)), List.of());

        assertThat(givenA).isPositive();
        assertThat(r.householdLines().orElseThrow().kw(0)).as("line A's households, as last known").isCloseTo(20,
                within(1e-9));
        assertThat(r.allocation().amps()[0]).as("the pile keeps what it was given").isCloseTo(givenA, within(1e-6));
    }
}
