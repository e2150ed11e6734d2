package org.orderly.gateway.app;

import org.orderly.gateway.core.time.ClockFloor;
import org.orderly.gateway.store.StoreReader;

/**
 * The clock's floor when the gateway starts: the later of this build's time and the newest time on record (what was
 * written before the stop; a clock earlier than that is certainly wrong).
 */
final class ClockFloors {
    private ClockFloors() {
    }

    static ClockFloor atStart(StoreReader reader, ClockFloor build) {
        return reader.newestTime()
                .map(t -> ClockFloor.latest(build, new ClockFloor(t, "the newest time in the store")))
                .orElse(build);
    }
}
