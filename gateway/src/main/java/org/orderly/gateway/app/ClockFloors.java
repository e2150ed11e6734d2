package org.orderly.gateway.app;

import org.orderly.gateway.core.time.ClockFloor;
import org.orderly.gateway.store.StoreReader;

/** The clock's floor when the gateway starts: the later of this build's time and the newest time on record. */
final class ClockFloors {
    private ClockFloors() {
    }

    static ClockFloor atStart(StoreReader reader, ClockFloor build) {
        throw new UnsupportedOperationException("stub");
    }
}
