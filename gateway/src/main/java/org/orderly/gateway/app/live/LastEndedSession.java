package org.orderly.gateway.app.live;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.orderly.gateway.core.time.ClockStep;

/**
 * The last session that ended on a pile, as the pile says it (a firmware-bridge's {@code lastSession}): when its car was
 * plugged in and unplugged (the reading's time less the pile's own counts of the time since) and the energy it took in
 * all. A session the gateway last saw before that unplug, whose car was plugged in by then, is that session.
 */
public record LastEndedSession(Instant pluggedAt, Instant endedAt, double energyKWh) {
    public LastEndedSession {
        Objects.requireNonNull(pluggedAt, "pluggedAt");
        Objects.requireNonNull(endedAt, "endedAt");
    }

    /**
     * Whether this is the session last seen plugged in at {@code lastSeen}: its car was plugged in by then and
     * unplugged no earlier, both within {@code tolerance} (the pile's seconds are rounded down, a reading is stamped
     * when its answer comes). A pile has one car at a time, so a session plugged in over that sighting is that one.
     */
    public boolean isOf(Instant lastSeen, Duration tolerance) {
        return !pluggedAt.isAfter(lastSeen.plus(tolerance)) && !endedAt.isBefore(lastSeen.minus(tolerance));
    }

    /**
     * When the session last seen plugged in at {@code lastSeen} was unplugged, as the pile says it in {@code said}
     * (its last ended session), when that is this one; empty otherwise.
     */
    public static Optional<Instant> endOf(Optional<LastEndedSession> said, Instant lastSeen, Duration tolerance) {
        return said.filter(s -> s.isOf(lastSeen, tolerance)).map(LastEndedSession::endedAt);
    }

    /** On the clock as set by {@code step}. */
    public LastEndedSession movedBy(ClockStep step) {
        return new LastEndedSession(step.correct(pluggedAt), step.correct(endedAt), energyKWh);
    }
}
