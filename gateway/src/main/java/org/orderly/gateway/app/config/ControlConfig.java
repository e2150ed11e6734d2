package org.orderly.gateway.app.config;

import java.time.Duration;
import org.orderly.gateway.app.live.ControlCycle;

/**
 * The control loop: its period, how old a transformer reading may be before the compound goes
 * conservative, the EV power allowed in conservative mode, and what a resident pays for each kWh the
 * gateway does not deliver (against which the scheduler weighs charging at a dearer hour), and how long a pile may go
 * unheard before it is offline (the control cycle's, the page's and telemetry's one figure).
 */
public record ControlConfig(int periodMs, int staleAfterMs, double safeEvKw, double missedKWhPrice, int pileOfflineAfterMs) {
    /** The default: the scenarios' {@code penaltyPerKWh}, a public fast charger's price in CNY. */
    public static final double DEFAULT_MISSED_KWH_PRICE = 1.8;
    /** The control cycle's period when the configuration does not say. */
    public static final int DEFAULT_PERIOD_MS = 1000;
    /**
     * A configuration without a {@code control} section, and each key of one left out: the one place these defaults are
     * written ({@link ConfigLoader} reads a file with them, {@code SampleHolds.DEFAULT} is made from them).
     */
    public static final ControlConfig DEFAULT = new ControlConfig(DEFAULT_PERIOD_MS,
            defaultStaleAfterMs(DEFAULT_PERIOD_MS), 0, DEFAULT_MISSED_KWH_PRICE);

    /** With the default time a pile may go unheard. */
    public ControlConfig(int periodMs, int staleAfterMs, double safeEvKw, double missedKWhPrice) {
        this(periodMs, staleAfterMs, safeEvKw, missedKWhPrice, defaultPileOfflineAfterMs(periodMs));
    }

    /** How old a transformer reading may get when the configuration does not say: three control periods. */
    public static int defaultStaleAfterMs(int periodMs) {
        return 3 * periodMs;
    }

    /**
     * The time a pile may go unheard when the configuration does not say: the control cycle's default, or three control
     * periods if longer (a pile read once a period may be two reads late).
     */
    public static int defaultPileOfflineAfterMs(int periodMs) {
        return (int) Math.max(ControlCycle.DEFAULT_PILE_OFFLINE_AFTER.toMillis(), 3L * periodMs);
    }

    public Duration pileOfflineAfter() {
        return Duration.ofMillis(pileOfflineAfterMs);
    }

    public Duration period() {
        return Duration.ofMillis(periodMs);
    }

    /** How often the meter buses are polled: twice per control period, so a new value waits at most half a period. */
    public Duration meterPollEvery() {
        return meterPollEvery(periodMs);
    }

    /** {@link #meterPollEvery()} of a control period of {@code periodMs}. */
    public static Duration meterPollEvery(int periodMs) {
        return Duration.ofMillis(periodMs).dividedBy(2);
    }

    public Duration staleAfter() {
        return Duration.ofMillis(staleAfterMs);
    }
}
