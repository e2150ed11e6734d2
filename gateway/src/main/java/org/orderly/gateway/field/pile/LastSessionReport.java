package org.orderly.gateway.field.pile;

import java.time.Duration;
import java.util.Objects;

/**
 * The last session that ended on a pile, as its firmware-bridge says it ({@code lastSession} in {@code /status}): how
 * long before its answer the session's car was plugged in and unplugged, by the pile's own monotonic clock, and the
 * energy the car took in all. Kept by the bridge after the next plug-in, so that a gateway that could not hear the pile
 * when the car left, and hears it again with another car plugged in, still has that session's count.
 */
public record LastSessionReport(Duration pluggedFor, Duration endedFor, double energyKwh) {
    public LastSessionReport {
        Objects.requireNonNull(pluggedFor, "pluggedFor");
        Objects.requireNonNull(endedFor, "endedFor");
    }
}
