package org.orderly.gateway.app.config;

import java.time.Duration;

/**
 * The control loop: its period, how old a transformer reading may be before the compound goes
 * conservative, the EV power allowed in conservative mode, and what a resident pays for each kWh the
 * gateway does not deliver (against which the scheduler weighs charging at a dearer hour).
 */
public record ControlConfig(int periodMs, int staleAfterMs, double safeEvKw, double missedKWhPrice, int pileOfflineAfterMs) {
    /** The default: the scenarios' {@code penaltyPerKWh}, a public fast charger's price in CNY. */
    public static final double DEFAULT_MISSED_KWH_PRICE = 1.8;

    /** With the default time a pile may go unheard. */
    public ControlConfig(int periodMs, int staleAfterMs, double safeEvKw, double missedKWhPrice) {
        this(periodMs, staleAfterMs, safeEvKw, missedKWhPrice,
                (int) org.orderly.gateway.app.live.ControlCycle.DEFAULT_PILE_OFFLINE_AFTER.toMillis());
    }

    public Duration pileOfflineAfter() {
        return Duration.ofMillis(pileOfflineAfterMs);
    }

    public Duration period() {
        return Duration.ofMillis(periodMs);
    }

    public Duration staleAfter() {
        return Duration.ofMillis(staleAfterMs);
    }
}
