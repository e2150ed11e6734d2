package org.orderly.gateway.store;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** The store's check at start (stub). */
public final class StoreCheck {
    private StoreCheck() {
    }

    /** What the file is, without changing it. */
    public static StoreHealth inspect(Path file) {
        return new StoreHealth.Sound();
    }

    /** Checks the store file; a damaged one is moved aside and a fresh one made with what could be read. */
    public static Optional<StoreDamage> atStart(Path file, Clock clock, Instant floor) {
        return Optional.empty();
    }

    /** The file a running gateway leaves beside its store once SQLite has said the store is damaged. */
    public static Path mark(Path file) {
        return file.resolveSibling(file.getFileName() + ".damaged-mark");
    }
}
