package org.orderly.gateway.field.modbus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.time.Tick;

class LatestReadingsTest {

    private static final Instant T0 = Instant.parse("2026-01-15T11:00:00Z");

    /** The ticker's time {@code d} after the reading at T0. */
    private static Tick after(Duration d) {
        return new Tick(1_000_000_000L + d.toNanos());
    }

    private static final Tick AT_T0 = after(Duration.ZERO);

    @Test
    void aReadingGoesStaleAfterMaxAge() {
        Reading r = new Reading("tx", Map.of("power.total.kw", 312.5), T0, AT_T0);
        assertThat(r.isStale(after(Duration.ofSeconds(3)), Duration.ofSeconds(3))).isFalse();
        assertThat(r.isStale(after(Duration.ofMillis(3001)), Duration.ofSeconds(3))).isTrue();
        assertThat(r.value("power.total.kw")).hasValue(312.5);
        assertThat(r.value("power.a.kw")).isEmpty();
    }

    @Test
    void aMissingMeterIsStaleAndAnOlderReadingNeverReplacesANewer() {
        LatestReadings store = new LatestReadings();
        assertThat(store.isStale("tx", AT_T0, Duration.ofHours(1))).isTrue();
        store.publish(new Reading("tx", Map.of("power.total.kw", 2.0), T0.plusSeconds(2), after(Duration.ofSeconds(2))));
        store.publish(new Reading("tx", Map.of("power.total.kw", 1.0), T0.plusSeconds(1), after(Duration.ofSeconds(1))));
        assertThat(store.latest("tx").orElseThrow().value("power.total.kw")).hasValue(2.0);
        assertThat(store.isStale("tx", after(Duration.ofSeconds(3)), Duration.ofSeconds(5))).isFalse();
    }

    @Test
    void theTickerOrdersReadingsAcrossTheWrapOfItsNanosecondCount() {
        LatestReadings store = new LatestReadings();
        store.publish(new Reading("tx", Map.of("power.total.kw", 1.0), T0, new Tick(Long.MAX_VALUE - 500_000_000L)));
        store.publish(new Reading("tx", Map.of("power.total.kw", 2.0), T0.plusSeconds(1),
                new Tick(Long.MIN_VALUE + 500_000_000L)));
        assertThat(store.latest("tx").orElseThrow().value("power.total.kw")).hasValue(2.0);
        assertThat(store.isStale("tx", new Tick(Long.MIN_VALUE + 1_500_000_000L), Duration.ofSeconds(3))).isFalse();
    }

    // NTP may step the wall clock either way; readings are stamped with it (for display), but the elapsed time
    // since a reading was taken is what makes it newer or stale.

    @Test
    void aReadingTakenAfterTheWallClockStepsBackReplacesTheOneBefore() {
        LatestReadings store = new LatestReadings();
        store.publish(new Reading("tx", Map.of("power.total.kw", 20.0), T0, AT_T0));
        // Just after 11:00 the wall clock steps back an hour; 5 s later the households take 90 kW.
        store.publish(new Reading("tx", Map.of("power.total.kw", 90.0), T0.minus(Duration.ofHours(1)).plusSeconds(5),
                after(Duration.ofSeconds(5))));
        assertThat(store.latest("tx").orElseThrow().value("power.total.kw")).hasValue(90.0);
    }

    @Test
    void aMeterThatFallsSilentIsStaleAfterMaxAgeAcrossAStepBack() {
        LatestReadings store = new LatestReadings();
        store.publish(new Reading("tx", Map.of("power.total.kw", 20.0), T0, AT_T0));
        // Just after 11:00 the wall clock steps back an hour, and the meter says nothing more for 4 s.
        assertThat(store.isStale("tx", after(Duration.ofSeconds(4)), Duration.ofSeconds(3))).isTrue();
    }

    @Test
    void aStepForwardDoesNotAgeAReadingTakenHalfASecondAgo() {
        LatestReadings store = new LatestReadings();
        store.publish(new Reading("tx", Map.of("power.total.kw", 20.0), T0, AT_T0));
        // Half a second later the wall clock steps forward an hour.
        assertThat(store.isStale("tx", after(Duration.ofMillis(500)), Duration.ofSeconds(3))).isFalse();
    }
}
