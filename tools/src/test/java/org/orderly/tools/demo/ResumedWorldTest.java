package org.orderly.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.core.time.TimeScale;
import org.orderly.gateway.store.StoreLock;

/**
 * A sped-up demo resumes its world after the last time its store holds, but not on a store another gateway holds: its
 * gateway is refused that store, naming the holder. Until late on 2026-12-06 the demo read it first, and what it made of
 * the read (a busy read's warning that its world may live the stored times again) was said as if it went on.
 */
class ResumedWorldTest {
    private static final Instant WALL = Instant.parse("2026-12-06T20:00:00Z");
    private static final Instant STORED = Instant.parse("2026-12-07T03:30:20Z");

    @TempDir
    Path dir;

    @Test
    void aStoreNobodyHoldsResumesTheWorldAfterItsLastTime() throws Exception {
        Path store = storeWithLastTime(STORED);
        TimeScale asked = new TimeScale(WALL, WALL, 60);
        assertThat(ResumedWorld.after(asked, store).worldOrigin()).isEqualTo(Instant.parse("2026-12-07T03:31:00Z"));
    }

    @Test
    void aStoreAnotherGatewayHoldsIsNotRead() throws Exception {
        Path store = storeWithLastTime(STORED);
        TimeScale asked = new TimeScale(WALL, WALL, 60);
        try (StoreLock held = StoreLock.take(store)) {
            assertThat(ResumedWorld.after(asked, store)).as("the world as asked, the store held by a gateway")
                    .isEqualTo(asked);
        }
    }

    /** A store with one reading, at {@code last}: the tables {@code StoreReader.newestTime} reads, nothing else. */
    private Path storeWithLastTime(Instant last) throws Exception {
        Path store = dir.resolve("orderly.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + store); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE readings (minute INTEGER)");
            s.execute("CREATE TABLE events (time INTEGER)");
            s.execute("CREATE TABLE sessions (arrival INTEGER, departure INTEGER, last_seen INTEGER)");
            s.execute("INSERT INTO readings VALUES (" + last.getEpochSecond() + ")");
        }
        return store;
    }
}
