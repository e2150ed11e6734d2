package org.orderly.gateway.field.gpio;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReleaseDebounceTest {
    private static final Instant T0 = Instant.parse("2026-11-29T19:00:00Z");
    private final ReleaseDebounce debounce = new ReleaseDebounce(Duration.ofMillis(200));

    @Test
    void releasedFromTheStartMeansNoCap() {
        assertThat(debounce.capActive(T0)).isFalse();
    }

    @Test
    void activationCapsAtOnce() {
        debounce.observe(true, T0);
        assertThat(debounce.capActive(T0)).isTrue();
    }

    @Test
    void theCapLiftsOnlyAfterTheReleaseHeldForTheDebounce() {
        debounce.observe(true, T0);
        debounce.observe(false, T0.plusMillis(1000));
        assertThat(debounce.capActive(T0.plusMillis(1199))).isTrue();
        assertThat(debounce.capActive(T0.plusMillis(1200))).isFalse();
    }

    @Test
    void aBounceDuringTheReleaseRestartsIt() {
        debounce.observe(true, T0);
        debounce.observe(false, T0.plusMillis(1000));
        debounce.observe(true, T0.plusMillis(1050));
        debounce.observe(false, T0.plusMillis(1100));
        assertThat(debounce.capActive(T0.plusMillis(1250))).isTrue();
        assertThat(debounce.capActive(T0.plusMillis(1300))).isFalse();
    }
}
