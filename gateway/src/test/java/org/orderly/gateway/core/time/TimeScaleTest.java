package org.orderly.gateway.core.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TimeScaleTest {
    private static final Instant T0 = Instant.parse("2026-11-29T18:00:00Z");

    @Test
    void realTimeIsTheWallClockItself() {
        Clock wall = Clock.fixed(T0, ZoneOffset.UTC);
        assertThat(TimeScale.REAL.worldClock(wall, Ticker.SYSTEM)).isSameAs(wall);
        assertThat(TimeScale.REAL.toWorld(T0)).isEqualTo(T0);
        assertThat(TimeScale.REAL.toWorld(Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void aSpedUpWorldStartsAtTheWallClockAndRunsFaster() {
        VirtualClock wall = new VirtualClock(T0, ZoneOffset.UTC);
        TestTicker ticker = new TestTicker();
        TimeScale sixty = TimeScale.startingNow(wall, 60);
        Clock world = sixty.worldClock(wall, ticker);
        assertThat(world.instant()).isEqualTo(T0);

        wall.advanceSeconds(90);
        ticker.advance(Duration.ofSeconds(90));
        assertThat(world.instant()).isEqualTo(T0.plus(Duration.ofMinutes(90)));
        assertThat(sixty.toWorld(T0.plusMillis(500))).isEqualTo(T0.plusSeconds(30));
        assertThat(sixty.toWorld(Duration.ofSeconds(2))).isEqualTo(Duration.ofMinutes(2));
        assertThat(world.getZone()).isEqualTo(ZoneOffset.UTC);
    }

    @Test
    void aStepOfTheWallClockIsNoTimeTheSpedUpWorldLived() {
        VirtualClock wall = new VirtualClock(T0, ZoneOffset.UTC);
        TestTicker ticker = new TestTicker();
        Clock world = TimeScale.startingNow(wall, 120).worldClock(wall, ticker);

        wall.advanceSeconds(600); // NTP steps the machine's clock 10 minutes forward, no time passing
        assertThat(world.instant()).as("the world after the wall clock's step").isEqualTo(T0);
        ticker.advance(Duration.ofSeconds(1));
        assertThat(world.instant()).as("the world a second later").isEqualTo(T0.plus(Duration.ofMinutes(2)));
    }

    @Test
    void aWorldSlowerThanRealTimeOrNotANumberIsRefused() {
        assertThatThrownBy(() -> new TimeScale(T0, T0, 0.5)).hasMessageContaining("got 0.5");
        assertThatThrownBy(() -> new TimeScale(T0, T0, Double.NaN)).hasMessageContaining(">= 1");
        assertThatThrownBy(() -> new TimeScale(T0, T0, Double.POSITIVE_INFINITY)).hasMessageContaining(">= 1");
    }
}
