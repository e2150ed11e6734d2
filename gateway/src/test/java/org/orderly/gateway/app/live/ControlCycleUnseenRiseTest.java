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
import org.orderly.gateway.core.policy.OrderlyPolicy;
import org.orderly.gateway.core.policy.OrderlySettings;
import org.orderly.gateway.core.tariff.BeijingTariff;
import org.orderly.gateway.core.time.ClockFloor;
import org.orderly.gateway.core.time.Tick;
import org.orderly.gateway.core.time.VirtualClock;

/**
 * A raise the meter may have seen before the pile said so ({@link UnseenRises}): the pile's report came before its car
 * took the current it was given, and the transformer meter was read after. A 66 kW transformer with 100 A lines at
 * 220 V (22 kW a line), one single-phase pile on line A, the live policy in the valley (it charges at once).
 */
class ControlCycleUnseenRiseTest {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private final Compound compound = CompoundFixtures.compound().limitKw(66).phaseLimitA(100)
            .pile("a1", Phase.A, null).build();
    /** 23:30 in Beijing, the valley. */
    private final VirtualClock clock = new VirtualClock(Instant.parse("2026-01-13T15:30:00Z"), ZONE);
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final ControlCycle cycle = new ControlCycle(compound,
            new OrderlyPolicy(compound, BeijingTariff.tariff(), clock, OrderlySettings.live(1.8)), clock,
            Duration.ofSeconds(5), 8.0, SessionNumbers.inMemory(), ClockFloor.NONE, () -> new Tick(nanos.get()),
            ControlCycle.DEFAULT_PILE_OFFLINE_AFTER);

    private void advanceMillis(long ms) {
        clock.set(clock.instant().plusMillis(ms));
        nanos.addAndGet(Duration.ofMillis(ms).toNanos());
    }

    /** Line A carrying {@code aKw}, 2 kW on B and C, read {@code age} ago. */
    private TransformerReading reading(double aKw, Duration age) {
        return new TransformerReading(aKw + 4, clock.instant(), age, Map.of("power.a.kw", aKw, "power.b.kw", 2.0,
                "power.c.kw", 2.0));
    }

    private List<PileObservation> drawing(double kw) {
        return drawing(kw, Duration.ZERO);
    }

    /** The car drawing {@code kw}, as its pile reported {@code age} ago. */
    private List<PileObservation> drawing(double kw, Duration age) {
        return List.of(new PileObservation(0, true, kw, 0, clock.instant(), true, Optional.empty(), age));
    }

    @Test
    void aRaiseTheReadingMayHoldBeforeThePileSaysSoDoesNotCutThePile() {
        // Seen live (LineLimitLiveTest, 2026-12-02): the pile's report came before the car took its raise, the meter
        // was read after; the car's rise, left on the households, cut it every other cycle.
        CycleResult first = cycle.run(reading(20, Duration.ZERO), drawing(0), List.of());
        double givenA = first.allocation().amps()[0];
        double givenKw = compound.kw(0, givenA);
        advanceMillis(1000);

        CycleResult r = cycle.run(reading(20 + givenKw, Duration.ofMillis(100)), drawing(0, Duration.ofMillis(300)),
                List.of());

        assertThat(r.householdLines().orElseThrow().kw(0)).as("line A's households, as last known").isCloseTo(20,
                within(1e-9));
        assertThat(r.allocation().amps()[0]).as("the pile keeps what it was given").isCloseTo(givenA, within(1e-6));
    }

    @Test
    void aReadingTakenBeforeTheRaiseIsNotTakenToHoldIt() {
        CycleResult first = cycle.run(reading(20, Duration.ZERO), drawing(0), List.of());
        advanceMillis(1000);

        // Read 1.2 s ago, before the last cycle gave the pile its current: line A's rise of 2 kW is the households'.
        CycleResult r = cycle.run(reading(22, Duration.ofMillis(1200)), drawing(0, Duration.ofMillis(1300)), List.of());

        assertThat(first.allocation().amps()[0]).isPositive();
        assertThat(r.householdLines().orElseThrow().kw(0)).as("line A's households").isCloseTo(22, within(1e-9));
    }

    @Test
    void aRaiseTheCarDoesNotTakeIsNoLongerAPossibleRiseAfterItsFollowTime() {
        CycleResult first = cycle.run(reading(20, Duration.ZERO), drawing(0), List.of());
        double givenA = first.allocation().amps()[0];
        // The car is full: it draws nothing, and its pile says so each second, just before each reading.
        for (int i = 0; i < 6; i++) {
            advanceMillis(1000);
            cycle.run(reading(20, Duration.ofMillis(100)), drawing(0, Duration.ofMillis(300)), List.of());
        }
        advanceMillis(1000);

        CycleResult r = cycle.run(reading(22, Duration.ofMillis(100)), drawing(0, Duration.ofMillis(300)), List.of());

        assertThat(givenA).isPositive();
        assertThat(r.householdLines().orElseThrow().kw(0)).as("line A's households, risen by 2 kW").isCloseTo(22,
                within(1e-9));
    }
}
