package org.orderly.gateway.app.live;

import java.time.Instant;
import java.util.Objects;
import org.orderly.gateway.core.time.ClockStep;

/**
 * How a session ended, decided once by the {@link SessionTracker} and handed on in the cycle's result: the store's row,
 * the upstream message and the policy's habits take it as it is, none working it out again from the pile's report
 * (until 2026-12-07 the recorder did, with its own "in a spell" flag, and a row could say a departure seen where the
 * tracker told the policy none: ends60). {@code at} is the departure: when the pile reported the car gone
 * ({@link How#SEEN}), when it says the car was unplugged ({@link How#TOLD}), or the session's last sighting, a lower
 * bound ({@link How#NOT_SEEN}); never before the session arrived or was last seen ({@link StayEnd}).
 */
public record SessionEnd(String sessionId, int pileIndex, Instant at, How how) {
    /** What the end is known by. */
    public enum How {
        /**
         * The pile reported the car gone (A), heard in the cycle before (one not heard then is {@link #NOT_SEEN}: its car
         * left some time in the silence): the departure.
         */
        SEEN,
        /** The pile says when its car was unplugged (a firmware-bridge's {@code lastSession}): the departure. */
        TOLD,
        /**
         * Nothing says when the car left (a spell of E or F, a car swapped unseen, a restart, a pile not heard before its
         * A): its last sighting.
         */
        NOT_SEEN
    }

    public SessionEnd {
        Objects.requireNonNull(sessionId, "session id");
        Objects.requireNonNull(at, "end of session " + sessionId);
        Objects.requireNonNull(how, "how session " + sessionId + " ended");
    }

    /** On the clock as set by {@code step}. */
    SessionEnd restamped(ClockStep step) {
        return new SessionEnd(sessionId, pileIndex, step.correct(at), how);
    }
}
