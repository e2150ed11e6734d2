package org.orderly.gateway.app.live;

import java.time.Instant;
import java.util.Objects;
import org.orderly.gateway.core.time.ClockStep;

/**
 * The last session that ended on a pile, as the pile says it (a firmware-bridge's {@code lastSession}): when its car was
 * plugged in and unplugged (the reading's time less the pile's own counts of the time since) and the energy it took in
 * all. A session the gateway last saw before that unplug, whose car was plugged in by then, is that session
 * ({@link SamePlugIn#ended}). With {@code pluggedAtStart} its car was the one the pile's bridge found plugged in at its
 * start: {@code pluggedAt} is that start, and {@code energyKWh} what the car took since, its count begun again there.
 */
public record LastEndedSession(Instant pluggedAt, Instant endedAt, double energyKWh, boolean pluggedAtStart) {
    public LastEndedSession {
        Objects.requireNonNull(pluggedAt, "pluggedAt");
        Objects.requireNonNull(endedAt, "endedAt");
    }

    /** A session whose car was plugged in while the pile's bridge ran (or a pile that does not say). */
    public LastEndedSession(Instant pluggedAt, Instant endedAt, double energyKWh) {
        this(pluggedAt, endedAt, energyKWh, false);
    }

    /** On the clock as set by {@code step}. */
    public LastEndedSession movedBy(ClockStep step) {
        return new LastEndedSession(step.correct(pluggedAt), step.correct(endedAt), energyKWh, pluggedAtStart);
    }
}
