package org.orderly.gateway.field.pile;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.orderly.gateway.core.time.Tick;
import org.orderly.gateway.core.time.Ticker;

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

    /**
     * Waits until {@code until} for the thread of {@code executor}, shut down already, to end.
     *
     * @return whether it ended; false, the interrupt kept, when the waiting thread was interrupted
     */
    static boolean ended(ScheduledExecutorService executor, Tick until) {
        Duration left = until.since(Ticker.SYSTEM.now());
        try {
            return executor.awaitTermination(Math.max(0, left.toNanos()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
