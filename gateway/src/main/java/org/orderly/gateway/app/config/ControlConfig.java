package org.orderly.gateway.app.config;

import java.time.Duration;

/**
 * The control loop: its period, how old a transformer reading may be before the compound goes
 * conservative, and the EV power allowed in conservative mode.
 */
public record ControlConfig(int periodMs, int staleAfterMs, double safeEvKw) {
    public Duration period() {
        return Duration.ofMillis(periodMs);
    }

    public Duration staleAfter() {
        return Duration.ofMillis(staleAfterMs);
    }
}
