package org.orderly.gateway.app;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.orderly.gateway.core.time.ClockFloor;
import org.orderly.gateway.store.Store;
import org.orderly.gateway.store.StoreException;
import org.orderly.gateway.store.StoreReader;

/**
 * The clock's floor when the gateway starts: the later of this build's time and the newest time on record (what was
 * written before the stop; a clock earlier than that is certainly wrong).
 */
final class ClockFloors {
    private ClockFloors() {
    }

    /**
     * A store whose newest time cannot be read (damage its cheap check at start does not read: docs/operations.md, "A
     * damaged store") leaves the build's time, with a WARN, and is marked damaged when SQLite says it is: a floor is not
     * worth a start.
     */
    static ClockFloor atStart(Store store, ClockFloor build, Instant now) {
        Optional<Instant> newest;
        try (StoreReader reader = store.reader()) {
            newest = reader.newestTime();
        } catch (StoreException e) {
            HistoryAtStart.unreadable(store, now, "the newest time on record", "the clock's floor is this build's time",
                    e);
            return build;
        }
        return newest.map(t -> ClockFloor.latest(build, fromStore(t, store.database().file()))).orElse(build);
    }

    /**
     * Unlike the build's time, this floor can be wrong where the clock is right: the store may hold times from a clock
     * that ran ahead. The ERROR of a clock found below it then says how to start afresh, not only to check NTP.
     */
    private static ClockFloor fromStore(Instant newest, Path file) {
        return new ClockFloor(newest, "the newest time in the store", "if the clock is right, the store " + file
                + " holds times from a clock that ran ahead of it (a sped-up demo before 2026-12-02, a clock once set"
                + " too far ahead): stop the gateway and move " + file + " aside, with its -wal and -shm files, to"
                + " start afresh; left there, it holds the gateway so until the clock passes " + newest);
    }
}
