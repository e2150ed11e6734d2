package org.orderly.gateway.app.live;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Gives each new session a number never given before, which makes its id unique (see {@link SessionTracker}). The
 * live gateway's come from its store, so they go on across restarts; called on the control thread, it must not wait.
 */
@FunctionalInterface
public interface SessionNumbers {
    long next();

    /** 1, 2, 3, ... kept in memory only: unique for as long as this object lives (for tests, which keep no store). */
    static SessionNumbers inMemory() {
        AtomicLong last = new AtomicLong();
        return last::incrementAndGet;
    }
}
