package org.orderly.gateway.app;

import java.time.Instant;
import org.orderly.gateway.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the start does when a read of the store's history fails (docs/operations.md, "A damaged store"): one WARN that
 * says what could not be read and what the gateway does without it, and, when SQLite says the file is damaged, the
 * store marked as a failing write marks it, so that the next start moves it aside. The gateway starts without that
 * history: the piles are controlled from what the meters and piles say now, never from the store.
 */
final class HistoryAtStart {
    private static final Logger LOG = LoggerFactory.getLogger(HistoryAtStart.class);

    private HistoryAtStart() {
    }

    /**
     * @param what    what could not be read, e.g. "the sessions open when the gateway stopped"
     * @param without what the gateway does without it
     */
    static void unreadable(Store store, Instant now, String what, String without, RuntimeException e) {
        LOG.warn("store {}: {} could not be read at start ({}); {}", store.database().file(), what, e.getMessage(),
                without);
        store.database().damagedRead(what + " at start", e, now);
    }
}
