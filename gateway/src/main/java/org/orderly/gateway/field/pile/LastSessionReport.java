package org.orderly.gateway.field.pile;

import java.time.Duration;
import java.util.Objects;

/**
 * The last session that ended on a pile, as its firmware-bridge says it ({@code lastSession} in {@code /status}): how
 * long before its answer the session's car was plugged in and unplugged, by the pile's own monotonic clock, and the
 * energy the car took in all. Kept by the bridge after the next plug-in, so that a gateway that could not hear the pile
 * when the car left, and hears it again with another car plugged in, still has that session's count. With
 * {@code pluggedAtStart} its car was the one the bridge found plugged in at its start: its plug-in is that start, and its
 * energy what the car took since (the bridge's {@code lastSession.pluggedAtStart}).
 */
public record LastSessionReport(Duration pluggedFor, Duration endedFor, double energyKwh, boolean pluggedAtStart) {
    public LastSessionReport {
        Objects.requireNonNull(pluggedFor, "pluggedFor");
        Objects.requireNonNull(endedFor, "endedFor");
    }

    /** A session whose car was plugged in while the bridge ran (or a bridge that does not say). */
    public LastSessionReport(Duration pluggedFor, Duration endedFor, double energyKwh) {
        this(pluggedFor, endedFor, energyKwh, false);
    }
}
