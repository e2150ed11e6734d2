package org.orderly.gateway.field.pile;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** The single daemon thread each pile driver does its I/O on, named after the pile. */
final class DriverThread {
    private DriverThread() {
    }

    static ScheduledExecutorService named(String kind, String pileId) {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pile-" + kind + "-" + pileId);
            t.setDaemon(true);
            return t;
        });
    }
}
