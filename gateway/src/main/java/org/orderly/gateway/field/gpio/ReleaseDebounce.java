package org.orderly.gateway.field.gpio;

import java.time.Duration;
import org.orderly.gateway.core.time.Tick;

/**
 * Whether the grid's load-control cap is in force, from the contact's edges: at once when the contact activates (a
 * bounce must never delay shedding), and lifted only once the contact has stayed released for the debounce time (a
 * bounce must never lift it early). Timed on elapsed time: a wall clock set back would hold the cap as long, one set
 * forward would lift it early.
 */
final class ReleaseDebounce {
    private final Duration release;
    private boolean contactActive;
    private Tick releasedAt;

    ReleaseDebounce(Duration release) {
        this.release = release;
    }

    synchronized void observe(boolean active, Tick at) {
        if (active == contactActive) {
            return;
        }
        contactActive = active;
        releasedAt = active ? null : at;
    }

    synchronized boolean capActive(Tick now) {
        if (contactActive) {
            return true;
        }
        return releasedAt != null && now.isBefore(releasedAt.plus(release));
    }
}
