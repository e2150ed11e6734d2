package org.orderly.tools.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.orderly.gateway.core.time.TimeScale;
import org.orderly.gateway.store.Database;
import org.orderly.gateway.store.StoreLock;
import org.orderly.gateway.store.StoreReader;
import org.sqlite.SQLiteConfig;

/**
 * Where a sped-up demo's world starts: after the last time its store holds, when that is ahead of the wall clock. A
 * sped-up world runs ahead of the wall clock, so a run stopped and started again on the same data directory would
 * begin its world at the wall clock's time, before where the last run stopped, and live through the times stored
 * already: their minutes merged with the new ones, the sessions stored then counted again in today's energy (3.0 kWh
 * became 29.5 at a restart on 2026-12-06). Resumed after the store's last minute, the world goes on from where it
 * stopped, as a real-time gateway's does after a stop.
 */
final class ResumedWorld {
    private ResumedWorld() {
    }

    /**
     * {@code scale} with its world resumed at the minute after the newest time in {@code store}, where that is later
     * than the world's origin; {@code scale} itself for a real-time world, a store not made yet or one with no time.
     *
     * @throws SQLException when the store is there but its newest time cannot be read (the caller says so)
     */
    static TimeScale after(TimeScale scale, Path store) throws SQLException {
        // A store another gateway holds is not read: this demo's gateway is refused it, naming the holder, and a read
        // would be said (resumed, or failed busy) before that refusal as if the demo went on.
        if (scale.isReal() || !Files.isRegularFile(store) || heldByAnother(store)) {
            return scale;
        }
        Optional<Instant> newest = newestTime(store);
        if (newest.isEmpty() || !newest.get().isAfter(scale.worldOrigin())) {
            return scale;
        }
        Instant resumeAt = newest.get().truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
        return new TimeScale(scale.wallOrigin(), resumeAt, scale.speed());
    }

    /** Whether a gateway holds the store ({@link StoreLock#holder}); a lock file that cannot be read is taken as held. */
    private static boolean heldByAnother(Path store) {
        try {
            return StoreLock.holder(store).isPresent();
        } catch (IOException e) {
            return true;
        }
    }

    /**
     * Read only, on a connection of its own, waiting for a writer as the gateway's own connections do: the gateway opens
     * the store (and locks it) after this.
     */
    private static Optional<Instant> newestTime(Path store) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout((int) Database.BUSY_TIMEOUT.toMillis());
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + store, config.toProperties())) {
            return StoreReader.newestTime(c);
        }
    }
}
