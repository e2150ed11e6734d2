package org.orderly.gateway.field.gpio;

import java.time.Duration;

/**
 * The grid company's load-control contact (负控): the input pin it closes, the level that means "shed", the pull
 * resistor, how long it must stay released before the cap lifts, the EV power allowed while it is active, and an
 * optional output pin that reports the cap is in force.
 *
 * @param statusPin the BCM pin of the status output, or -1 for none
 */
public record LoadControlConfig(int pin, boolean activeHigh, Pull pull, int releaseDebounceMs, double evLimitKw,
                                int statusPin) {
    /** The input's pull resistor: the contact is dry, so one side must be pulled. */
    public enum Pull { UP, DOWN, OFF }

    public Duration releaseDebounce() {
        return Duration.ofMillis(releaseDebounceMs);
    }

    public boolean hasStatusOutput() {
        return statusPin >= 0;
    }
}
