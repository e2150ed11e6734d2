package org.orderly.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.core.time.VirtualClock;
import org.orderly.testkit.Await;

/**
 * The gateway's stop does not wait for the store's full check (docs/operations.md, "The stop budget"): a check the
 * stop reaches is interrupted, even when the stop comes while the check's connection is open and its query not begun
 * yet, where SQLite's interrupt ({@code Statement.cancel}) is lost (the next statement to start clears it) and the
 * check ran on to its end, for as long as it reads the file (28 s for a 517 MB store, docs/benchmarks.md), the stop
 * waiting for it. Real SQLite, on a store made here large enough that its check reads for a while.
 */
@Timeout(180)
class StoreWatchStopTest {
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void aStopThatComesBeforeTheChecksQueryBeginsStillInterruptsIt() throws Exception {
        Path file = dir.resolve("orderly.db");
        fill(file);
        AtomicReference<StoreWatch> started = new AtomicReference<>();
        AtomicReference<Thread> stop = new AtomicReference<>();
        Runnable stopHere = () -> {
            try {
                Await.until("the watch started", DEADLINE, () -> started.get() != null);
                Thread closer = new Thread(() -> started.get().close(), "the stop");
                stop.set(closer);
                closer.start();
                // The stop has done all it does before it waits for the check: the query only begins after that.
                Await.until("the stop waits for the check", DEADLINE, () -> closer.getState() == Thread.State.TIMED_WAITING
                        || closer.getState() == Thread.State.WAITING);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        VirtualClock clock = new VirtualClock(Instant.parse("2026-12-06T12:00:00Z"), ZoneOffset.UTC);
        started.set(StoreWatch.start(new Database(file), clock, Duration.ofDays(7), e -> { }, stopHere));
        Await.until("the stop began", DEADLINE, () -> stop.get() != null);
        stop.get().join(DEADLINE.toMillis());
        assertThat(stop.get().isAlive()).as("the stop returned").isFalse();
        StoreWatch watch = started.get();
        assertThat(watch.lastFound()).as("what the check the stop reached found: interrupted, not read to its end")
                .isInstanceOfSatisfying(StoreHealth.Unreadable.class, u -> assertThat(u.why()).contains("interrupt"));
        assertThat(watch.checks()).as("an interrupted check is not counted as one done").isZero();
    }

    /**
     * A store of some 3 MB of readings and their index: its check takes many more of SQLite's steps than the 1,000
     * between two looks at the stop.
     */
    private static void fill(Path file) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=OFF");
            s.execute("CREATE TABLE readings (id INTEGER PRIMARY KEY, series TEXT, value REAL)");
            s.execute("CREATE INDEX readings_series ON readings(series, value)");
            s.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50000)"
                    + " INSERT INTO readings(series, value) SELECT 'meter' || (i % 97) || '.quantity' || (i % 13), i * 0.37"
                    + " FROM n");
            s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
    }
}
