package org.orderly.tools.systemd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WatchdogSettingsTest {
    @Test
    void notifiesAtHalfTheTimeoutSystemdGives() {
        assertThat(WatchdogSettings.interval(Map.of("WATCHDOG_USEC", "30000000"), 42)).contains(Duration.ofSeconds(15));
        assertThat(WatchdogSettings.interval(Map.of("WATCHDOG_USEC", "30000000", "WATCHDOG_PID", "42"), 42))
                .contains(Duration.ofSeconds(15));
    }

    @Test
    void noWatchdogWhenNoneIsAskedOrItIsMeantForAnotherProcess() {
        assertThat(WatchdogSettings.interval(Map.of(), 42)).isEmpty();
        assertThat(WatchdogSettings.interval(Map.of("WATCHDOG_USEC", "30000000", "WATCHDOG_PID", "7"), 42)).isEmpty();
    }

    @Test
    void aGarbledTimeoutIsRejectedWithTheValue() {
        assertThatThrownBy(() -> WatchdogSettings.interval(Map.of("WATCHDOG_USEC", "30s"), 42))
                .hasMessageContaining("WATCHDOG_USEC='30s'");
        assertThatThrownBy(() -> WatchdogSettings.interval(Map.of("WATCHDOG_USEC", "0"), 42))
                .hasMessageContaining("must be positive");
    }
}
