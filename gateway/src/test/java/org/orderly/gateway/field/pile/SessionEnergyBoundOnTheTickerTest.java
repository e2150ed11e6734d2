package org.orderly.gateway.field.pile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.time.Tick;

/**
 * {@link SessionEnergyBound} judges the time since the last count on the ticker at the world's speed as configured (1
 * for a real gateway), not on the wall clock: a clock stepped or read late between two statuses gives the pile no more
 * time to have counted in. Until 2026-12-07 the bound told the world's speed from the two statuses' spans, the wall
 * clock's over the ticker's, and took a clock's step for speed: an hour's step between statuses 1 s apart allowed
 * 105.64 kWh, 11 ms of the clock against 1 ms of the ticker 0.30 kWh. A pile of 32 A on 1 phase: at most 9.6 kW; over
 * 1 s and the 10 s a status may be late 0.03 kWh, 0.04 kWh with the bridge's rounding. The same with a wall clock: the
 * driver's test, {@link ImpossibleSessionEnergyTest}.
 */
class SessionEnergyBoundOnTheTickerTest {
    private static final Tick TICK0 = new Tick(Duration.ofSeconds(5).toNanos());

    /** Why a real gateway's bound refuses {@code kwh} read {@code after} its count of 1.0 kWh. */
    private static String refusedAfter(Duration after, double kwh) {
        SessionEnergyBound bound = new SessionEnergyBound("P1", Optional.of(new PileRating(6, 32, 1)),
                0, PileWorldSpeed.REAL);
        assertThat(bound.refusal(1.0, TICK0)).isEmpty();
        Optional<String> refused = bound.refusal(kwh, TICK0.plus(after));
        assertThat(refused).as("%s kWh after %s of the ticker", kwh, after).isPresent();
        return refused.get();
    }

    @Test
    void statusesASecondApartOnTheTickerGiveThePileASecond() {
        assertThat(refusedAfter(Duration.ofSeconds(1), 2.0))
                .contains("2.00 kWh is 1.00 kWh more than 1.00 kWh 1 s before").contains("can deliver at most 0.04 kWh");
    }

    @Test
    void statusesAMillisecondApartOnTheTickerGiveThePileAMillisecond() {
        assertThat(refusedAfter(Duration.ofMillis(1), 1.1)).contains("can deliver at most 0.04 kWh");
    }

    @Test
    void aSpeedBelowOneIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SessionEnergyBound("P1", Optional.empty(), 0, 0.5))
                .hasMessage("pile P1: world speed must be a finite number >= 1, was 0.5");
    }
}
