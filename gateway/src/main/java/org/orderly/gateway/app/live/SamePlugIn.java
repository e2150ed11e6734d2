package org.orderly.gateway.app.live;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.orderly.gateway.core.time.TimeScale;

/**
 * Whether what a pile says of a plug-in is of the session the gateway last saw plugged in at {@code lastSeen}: a car
 * plugged in no later than that sighting, a count begun no later, a session ({@link LastEndedSession}) plugged in by
 * then and unplugged no earlier, each within {@code tolerance} (the pile's seconds are rounded down, a reading is
 * stamped when its answer comes: {@link SessionTracker#SAME_PLUG_IN_TOLERANCE}, in the world's time). The session
 * tracker and the recorder judge by one, so that a session's row ends as the tracker ends it. {@code restartedWithin}
 * is how long after that sighting a bridge may have started and its word that its car is the one it found plugged in
 * at its start still be taken ({@link SessionTracker#BRIDGE_RESTARTED_WITHIN}, in the world's time).
 */
public record SamePlugIn(Duration tolerance, Duration restartedWithin) {
    public SamePlugIn {
        if (tolerance.isNegative()) {
            throw new IllegalArgumentException("plug-in tolerance must be 0 or more, got " + tolerance);
        }
        if (restartedWithin.isNegative()) {
            throw new IllegalArgumentException("a bridge's restart must be taken within 0 or more, got " + restartedWithin);
        }
    }

    /**
     * {@link SessionTracker#SAME_PLUG_IN_TOLERANCE} and {@link SessionTracker#BRIDGE_RESTARTED_WITHIN} in {@code scale}'s
     * world (a sped-up world's are longer).
     */
    public static SamePlugIn in(TimeScale scale) {
        return new SamePlugIn(scale.toWorld(SessionTracker.SAME_PLUG_IN_TOLERANCE),
                scale.toWorld(SessionTracker.BRIDGE_RESTARTED_WITHIN));
    }

    /** Whether {@code pluggedAt}, a plug-in or the start of a count, is later than {@code lastSeen}, beyond the tolerance. */
    public boolean laterThan(Instant pluggedAt, Instant lastSeen) {
        return beyondTolerance(Duration.between(lastSeen, pluggedAt));
    }

    /**
     * Whether a pile that says when its count began, and now says a start {@code startMovedLater} later than it said
     * before while the session goes on (both on one clock, in the world's time), began its count again: beyond the
     * tolerance, as {@link #laterThan} takes a plug-in later than a sighting. A pile that says its plug-in counts from it, so
     * none of the count before is in the new one (a bridge restarted with the car plugged in; a car plugged in anew
     * within the tolerance of its last sighting). The start it says jitters within the tolerance (its seconds rounded
     * down, its reading stamped when the answer came). {@link #countedAfterRestart} is the same idea for a session
     * that has ended, judged by its last sighting, as the start said before it is not kept once the session ends.
     */
    public boolean countBegunAgain(Duration startMovedLater) {
        return beyondTolerance(startMovedLater);
    }

    private boolean beyondTolerance(Duration later) {
        return later.compareTo(tolerance) > 0;
    }

    /**
     * Whether a pile that says its car is the one it found plugged in at its start, and started at {@code startedAt} (its
     * plug-in as it says it), started within {@link #restartedWithin} of {@code lastSeen}: the car of the session last
     * seen then, still plugged in across the pile's restart.
     */
    public boolean restartedSoonAfter(Instant startedAt, Instant lastSeen) {
        return !startedAt.isAfter(lastSeen.plus(restartedWithin));
    }

    /**
     * The pile's last ended session as it says it in {@code said}, when that is the session last seen plugged in at
     * {@code lastSeen}: a pile has one car at a time, so a session plugged in over that sighting is that one; and so is
     * one whose car the pile's bridge found plugged in at its start ({@link LastEndedSession#pluggedAtStart}), started
     * within {@link #restartedWithin} of that sighting, as a session goes on across such a restart
     * ({@link SessionTracker#BRIDGE_RESTARTED_WITHIN}).
     */
    public Optional<LastEndedSession> ended(Optional<LastEndedSession> said, Instant lastSeen) {
        return said.filter(s -> (!laterThan(s.pluggedAt(), lastSeen) || s.pluggedAtStart()
                && restartedSoonAfter(s.pluggedAt(), lastSeen)) && !s.endedAt().isBefore(lastSeen.minus(tolerance)));
    }

    /**
     * Whether {@code ours}, the session last seen at {@code lastSeen} as {@link #ended} says it, was counted from a
     * start of its bridge after that sighting: all of its energy is then what its car took since, none of it in the
     * count last seen (a bridge counts from 0 at its start). Its start as the pile says it is never earlier than the
     * true one (its seconds rounded down, its reading stamped when the answer came), so a bridge heard since its start
     * is not taken for one: at most its first second's count is taken twice.
     */
    public boolean countedAfterRestart(LastEndedSession ours, Instant lastSeen) {
        return ours.pluggedAtStart() && ours.pluggedAt().isAfter(lastSeen) && restartedSoonAfter(ours.pluggedAt(), lastSeen);
    }

    /** When the session last seen plugged in at {@code lastSeen} was unplugged, as {@link #ended} says it; or empty. */
    public Optional<Instant> endOf(Optional<LastEndedSession> said, Instant lastSeen) {
        return ended(said, lastSeen).map(LastEndedSession::endedAt);
    }
}
