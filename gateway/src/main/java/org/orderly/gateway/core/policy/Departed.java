package org.orderly.gateway.core.policy;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A session that ended since the policy was last asked, and when its car was seen to leave: empty when it left unseen
 * (its pile could not be heard then), so that no stay of unknown length is learned. Live, the cycles the policy is not
 * asked in (a stale meter, a clock not set) see departures too; what the policy learns of them is their time, not
 * that of the next cycle it is asked in.
 */
public record Departed(String sessionId, Optional<Instant> seenLeavingAt) {
    public Departed {
        Objects.requireNonNull(sessionId, "session id");
        Objects.requireNonNull(seenLeavingAt, "seenLeavingAt of session " + sessionId);
    }
}
