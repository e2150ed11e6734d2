package org.orderly.gateway.app;

import java.time.Instant;
import java.util.Optional;
import org.orderly.gateway.core.time.ClockFloor;
import org.orderly.gateway.store.StoreException;
import org.orderly.gateway.store.StoreReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The clock's floor when the gateway starts: the later of this build's time and the newest time on record (what was
 * written before the stop; a clock earlier than that is certainly wrong).
 */
final class ClockFloors {
    private static final Logger LOG = LoggerFactory.getLogger(ClockFloors.class);

    private ClockFloors() {
    }

    /**
     * A store whose newest time cannot be read (damage its cheap check at start does not read: docs/operations.md, "A
     * damaged store") leaves the build's time, with a WARN: a floor is not worth a start.
     */
    static ClockFloor atStart(StoreReader reader, ClockFloor build) {
        Optional<Instant> newest;
        try {
            newest = reader.newestTime();
        } catch (StoreException e) {
            LOG.warn("the store's newest time could not be read ({}); the clock's floor is this build's time",
                    e.getMessage());
            return build;
        }
        return newest.map(t -> ClockFloor.latest(build, new ClockFloor(t, "the newest time in the store")))
                .orElse(build);
    }
}
