package org.orderly.gateway.core.limit;

/**
 * The order in which sessions are served when room is short, the Planner's and the Limiter's alike: least laxity
 * first, a session already drawing counted {@link #DRAWING_AHEAD_HOURS} more urgent than its laxity says.
 *
 * <p>Without that hysteresis two like cars swapped places at every plan: the one drawing takes energy, so its laxity
 * (hours to its departure less the hours its likely energy takes) rises, while the one waiting loses an hour of
 * laxity an hour, and the next plan, 15 minutes on, served the waiting one first and stopped the other: a car that
 * started and stopped again and again, each stop a wear of its pile's contactor and its charger, and live held off
 * for the 30 s settle time after (docs/scheduler.md, "Who is served first"). Now a waiting car takes the room of a
 * drawing one only once its laxity is 24 minutes less: that one's need has become more pressing, not just equal.
 */
public final class Urgency {
    /** How much more urgent a session already drawing is taken to be than its laxity says (docs/scheduler.md). */
    public static final double DRAWING_AHEAD_HOURS = 0.4;

    private Urgency() {
    }

    /** The key sessions are served in, least first: laxity in hours, less the precedence of one drawing. */
    public static double key(double laxityHours, boolean drawing) {
        return drawing ? laxityHours - DRAWING_AHEAD_HOURS : laxityHours;
    }
}
