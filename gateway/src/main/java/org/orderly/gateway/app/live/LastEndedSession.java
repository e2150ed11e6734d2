package org.orderly.gateway.app.live;

import java.time.Instant;
import java.util.Objects;
import org.orderly.gateway.core.time.ClockStep;

/**
 * The last session that ended on a pile, as the pile says it (a firmware-bridge's {@code lastSession}): when its car was
 * plugged in and unplugged (the reading's time less the pile's own counts of the time since) and the energy it took in
 * all. A session the gateway last saw before that unplug, whose car was plugged in by then, is that session
 * ({@link SamePlugIn#ended}).
 */
public record LastEndedSession(Instant pluggedAt, Instant endedAt, double energyKWh) {
    public LastEndedSession {
        Objects.requireNonNull(pluggedAt, "pluggedAt");
        Objects.requireNonNull(endedAt, "endedAt");
    }

    /** On the clock as set by {@code step}. */
    public LastEndedSession movedBy(ClockStep step) {
        return new LastEndedSession(step.correct(pluggedAt), step.correct(endedAt), energyKWh);
    }
}
