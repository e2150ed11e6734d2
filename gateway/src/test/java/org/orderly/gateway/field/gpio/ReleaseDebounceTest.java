package org.orderly.gateway.field.gpio;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.time.Tick;

class ReleaseDebounceTest {
    private static final Tick T0 = new Tick(Long.MAX_VALUE - 500_000_000L); // the count wraps within the test
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
        debounce.observe(false, T0.plus(Duration.ofMillis(1000)));
        assertThat(debounce.capActive(T0.plus(Duration.ofMillis(1199)))).isTrue();
        assertThat(debounce.capActive(T0.plus(Duration.ofMillis(1200)))).isFalse();
    }

    @Test
    void aBounceDuringTheReleaseRestartsIt() {
        debounce.observe(true, T0);
        debounce.observe(false, T0.plus(Duration.ofMillis(1000)));
        debounce.observe(true, T0.plus(Duration.ofMillis(1050)));
        debounce.observe(false, T0.plus(Duration.ofMillis(1100)));
        assertThat(debounce.capActive(T0.plus(Duration.ofMillis(1250)))).isTrue();
        assertThat(debounce.capActive(T0.plus(Duration.ofMillis(1300)))).isFalse();
    }
}
