package org.orderly.bridge.pile;

import java.time.Duration;
import java.util.Objects;

/**
 * The last session that ended on the pile since the bridge started, as its vehicle was unplugged: when it was plugged
 * in and unplugged, on the bridge's monotonic clock, and the energy it took in all. Kept after the next plug-in, so
 * that a gateway that could not hear the pile when the car left, and hears it again with another car plugged in, still
 * has the ended session's count (docs/firmware-bridge.md, {@code lastSession}).
 *
 * @param plugIn       when its vehicle was plugged in
 * @param endedNanos   the step at which its vehicle was found unplugged, on the pile's elapsed time
 * @param energyKwh    what its vehicle took in all
 */
public record EndedSession(PlugIn plugIn, long endedNanos, double energyKwh) {
    public EndedSession {
        Objects.requireNonNull(plugIn, "plugIn");
    }

    /** This session as of {@code nowNanos} (on the same elapsed time). */
    public Ago ago(long nowNanos) {
        return new Ago(plugIn.before(nowNanos), new PlugIn(endedNanos).before(nowNanos), energyKwh, plugIn.atStart());
    }

    /**
     * An ended session as of a moment: how long before it its vehicle was plugged in and unplugged (never negative),
     * and whether its vehicle was the one the bridge found plugged in at its start ({@link PlugIn#atStart}): its
     * {@code energyKwh} then counts from that start, the car may have taken more before it.
     */
    public record Ago(Duration pluggedFor, Duration endedFor, double energyKwh, boolean pluggedAtStart) {
    }
}
