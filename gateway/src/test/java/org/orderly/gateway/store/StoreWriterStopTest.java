package org.orderly.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.web.CapturedLog;
import org.orderly.testkit.Await;

/**
 * A writer made with a {@link StoreWriter.Retry} that is stopped while its writes still fail (real SQLITE_BUSY: another
 * connection holds the write lock, the writer's connection has no busy timeout) tries them once more and gives them
 * up: each is told, {@link Write#givenUp}, so that one who waits on a write (a held will's future) is not left waiting
 * for ever; none is committed.
 */
class StoreWriterStopTest {
    private static final String WRITER = "org.orderly.gateway.store.StoreWriter";

    @TempDir
    Path dir;

    @Test
    @Timeout(60)
    void writesStillFailingAtTheStopAreEachGivenUp() throws Exception {
        Database db = new Database(dir.resolve("writer.db"));
        List<String> givenUp = new CopyOnWriteArrayList<>();
        try (StoreConnection store = StoreConnections.on(db); Connection locker = db.open()) {
            Connection connection = store.current();
            try (Statement s = connection.createStatement()) {
                s.execute("CREATE TABLE t (v TEXT)");
                s.execute("PRAGMA busy_timeout = 0");
            }
            StoreWriter writer = keptBehindTheLock(store, locker, givenUp);
            assertThat(writer.offer(insert("queued behind it", givenUp))).isTrue();

            writer.close();

            assertThat(givenUp).as("the writes told they were given up").containsExactly("kept", "queued behind it");
            assertThat(writer.failed()).isEqualTo(2);
            try (Statement s = locker.createStatement()) {
                s.execute("ROLLBACK");
            }
        }
        try (Connection c = db.open(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT COUNT(*) FROM t")) {
            r.next();
            assertThat(r.getLong(1)).as("rows committed").isZero();
        }
    }

    /**
     * Once the locked file has refused a write at the stop, the writes left are tried without waiting for the lock:
     * the writer's connection waits the store's busy timeout (5 s) here, as in the gateway, and until 2026-12-06 each
     * write the stop tried (the kept one, the batch, then each of its writes again) waited it anew, 25 s here and more
     * the longer the queue, the outbox's stop waiting for them all (docs/operations.md, "The stop budget").
     */
    @Test
    @Timeout(120)
    void afterTheLockedFileRefusesAWriteAtTheStopTheRestIsTriedWithoutWaitingForTheLock() throws Exception {
        Database db = new Database(dir.resolve("writer.db"));
        List<String> givenUp = new CopyOnWriteArrayList<>();
        try (StoreConnection store = StoreConnections.on(db); Connection locker = db.open()) {
            Connection connection = store.current();
            try (Statement s = connection.createStatement()) {
                s.execute("CREATE TABLE t (v TEXT)");
            }
            assertThat(busyTimeoutMs(connection)).as("the store's busy timeout").isEqualTo(Database.BUSY_TIMEOUT.toMillis());
            StoreWriter writer = keptBehindTheLock(store, locker, givenUp);
            // Queued behind the kept write: the stop takes them as one batch, then each alone.
            for (String v : List.of("a", "b", "c")) {
                assertThat(writer.offer(insert(v, givenUp))).isTrue();
            }

            writer.close(Duration.ofSeconds(60));

            assertThat(givenUp).as("every write tried and told it was given up").containsExactly("kept", "a", "b", "c");
            assertThat(busyTimeoutMs(connection)).as("the wait for the lock once the stop's first write was refused")
                    .isZero();
            try (Statement s = locker.createStatement()) {
                s.execute("ROLLBACK");
            }
        }
    }

    /**
     * {@code locker} takes the write lock; a writer on {@code connection} started, its first write ("kept") refused and
     * kept for a retry it tries again only after an hour: what the stop does is all that happens to it.
     */
    private static StoreWriter keptBehindTheLock(StoreConnection store, Connection locker, List<String> givenUp)
            throws Exception {
        try (Statement s = locker.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
        }
        StoreWriter writer = new StoreWriter(store, Clock.systemUTC(), 10, c -> { },
                Duration.ofHours(1), c -> { }, new StoreWriter.Retry(Duration.ofHours(1), Duration.ofHours(1)));
        writer.start();
        assertThat(writer.offer(insert("kept", givenUp))).isTrue();
        Await.until("the first write kept for a retry", Duration.ofSeconds(30), () -> writer.retrying() == 1);
        return writer;
    }

    private static long busyTimeoutMs(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA busy_timeout")) {
            r.next();
            return r.getLong(1);
        }
    }

    /**
     * The same while the writer still drains what was queued before the stop: the refusal is said as the stop's, and no
     * {@code store.overflow} event says a full queue dropped it (the queue of 10 held one write).
     */
    @Test
    @Timeout(60)
    void aWriteRefusedWhileTheStopDrainsIsNoFullQueue() throws Exception {
        Database db = new Database(dir.resolve("writer.db"));
        try (StoreConnection store = StoreConnections.on(db); CapturedLog log = new CapturedLog()) {
            StoreWriter writer = writerOfTableT(store);
            CountDownLatch entered = new CountDownLatch(1);
            CountDownLatch go = new CountDownLatch(1);
            assertThat(writer.offer(c -> {
                entered.countDown();
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            })).isTrue();
            assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
            Thread closer = new Thread(writer::close, "closer");
            closer.start();
            Await.until("the stop waiting for the writer", Duration.ofSeconds(30),
                    () -> closer.getState() == Thread.State.TIMED_WAITING
                            || closer.getState() == Thread.State.WAITING);

            assertThat(writer.offer(Write.named("a late reading", c -> { }))).isFalse();
            go.countDown();
            closer.join(30_000);
            assertThat(closer.isAlive()).as("the stop returned").isFalse();

            assertThat(writer.refusedAtStop().writes()).as("counted as the stop's").isEqualTo(1);
            assertThat(writer.dropped()).as("not as the full queue's").isZero();
            assertThat(log.lines(WRITER, "was full")).as("no full queue said").isEmpty();
            assertThat(log.lines(WRITER, "queue full")).isEmpty();
        }
    }

    /**
     * A write offered once the stop has begun is refused and counted, and the log says that the writer was stopping,
     * naming the write: not that its queue was full, which would send whoever reads it looking for a slow disk.
     */
    @Test
    @Timeout(60)
    void aWriteOfferedAfterTheStopIsSaidRefusedByTheStopNotByAFullQueue() throws Exception {
        Database db = new Database(dir.resolve("writer.db"));
        try (StoreConnection store = StoreConnections.on(db); CapturedLog log = new CapturedLog()) {
            StoreWriter writer = writerOfTableT(store);
            writer.close();

            assertThat(writer.offer(Write.named("a late reading", c -> { }))).isFalse();
            assertThat(writer.offer(Write.named("a later reading", c -> { }))).isFalse();

            assertThat(writer.refusedAtStop().writes()).as("both counted").isEqualTo(2);
            assertThat(writer.dropped()).as("none by a full queue").isZero();
            assertThat(log.lines(WRITER, "queue full")).as("no full queue was said").isEmpty();
            assertThat(log.lines(WRITER, "writer stopping", "a late reading")).as("the first refusal said, naming it")
                    .hasSize(1);
            assertThat(log.lines(WRITER, "a later reading")).as("said once, not per write").isEmpty();
        }
    }

    /**
     * A write offered just as the stop begins: the offer finds the writer not stopping, and the writer stops before
     * the write reaches its queue (the test puts the whole stop there). It is refused and counted as the stop's, as a
     * write offered after the stop is. Until 2026-12-03 the offer said it was taken, and it lay in the queue of a
     * writer gone: neither written nor counted.
     */
    @Test
    @Timeout(60)
    void aWriteOfferedAsTheStopBeginsIsCountedAsRefusedWhenTheWriterStoppedBeforeItWasQueued() throws Exception {
        Database db = new Database(dir.resolve("writer.db"));
        try (StoreConnection store = StoreConnections.on(db)) {
            Connection connection = store.current();
            StoreWriter writer = writerOfTableT(store);
            writer.beforeNextEnqueue(() -> assertThat(writer.close(Duration.ofSeconds(30))).as("the writer stopped")
                    .isTrue());

            boolean taken = writer.offer(insert("offered as the stop began", new CopyOnWriteArrayList<>()));

            assertThat(taken).as("the offer says the write was refused").isFalse();
            assertThat(writer.refusedAtStop().writes()).as("counted as the stop's").isEqualTo(1);
            try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("SELECT COUNT(*) FROM t")) {
                r.next();
                assertThat(r.getLong(1)).as("rows: the writer had stopped").isZero();
            }
        }
    }

    /** A writer (queue of 10, no retries) on {@code connection}, made with the table {@code t}. */
    private static StoreWriter writerOfTableT(StoreConnection store) throws SQLException {
        try (Statement s = store.current().createStatement()) {
            s.execute("CREATE TABLE t (v TEXT)");
        }
        StoreWriter writer = new StoreWriter(store, Clock.systemUTC(), 10, c -> { },
                Duration.ofHours(1), c -> { }, StoreWriter.Retry.NONE);
        writer.start();
        return writer;
    }

    /** A write of {@code v} into {@code t} that notes {@code v} in {@code givenUp} when it is given up. */
    private static Write insert(String v, List<String> givenUp) {
        return new Write() {
            @Override
            public void apply(Connection c) throws SQLException {
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("INSERT INTO t (v) VALUES ('" + v + "')");
                }
            }

            @Override
            public void givenUp(SQLException why) {
                givenUp.add(v);
            }
        };
    }
}
