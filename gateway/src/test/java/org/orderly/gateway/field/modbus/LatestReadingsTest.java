package org.orderly.gateway.field.modbus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LatestReadingsTest {

    private static final Instant T0 = Instant.parse("2026-01-15T11:00:00Z");

    @Test
    void aReadingGoesStaleAfterMaxAge() {
        Reading r = new Reading("tx", Map.of("power.total.kw", 312.5), T0);
        assertThat(r.isStale(T0.plusSeconds(3), Duration.ofSeconds(3))).isFalse();
        assertThat(r.isStale(T0.plusMillis(3001), Duration.ofSeconds(3))).isTrue();
        assertThat(r.value("power.total.kw")).hasValue(312.5);
        assertThat(r.value("power.a.kw")).isEmpty();
    }

    @Test
    void aMissingMeterIsStaleAndAnOlderReadingNeverReplacesANewer() {
        LatestReadings store = new LatestReadings();
        assertThat(store.isStale("tx", T0, Duration.ofHours(1))).isTrue();
        store.publish(new Reading("tx", Map.of("power.total.kw", 2.0), T0.plusSeconds(2)));
        store.publish(new Reading("tx", Map.of("power.total.kw", 1.0), T0.plusSeconds(1)));
        assertThat(store.latest("tx").orElseThrow().value("power.total.kw")).hasValue(2.0);
        assertThat(store.isStale("tx", T0.plusSeconds(3), Duration.ofSeconds(5))).isFalse();
    }
}
