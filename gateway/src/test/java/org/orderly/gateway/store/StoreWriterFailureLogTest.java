package org.orderly.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.web.CapturedLog;
import org.orderly.testkit.Await;
import org.orderly.testkit.SteppedClock;

/**
 * A writer whose writes fail again and again (real SQLite: a trigger raising ABORT, given up; another connection
 * holding the write lock, kept and tried again) logs the first failure of a kind as one ERROR with its stack trace,
 * sums up the repeats in one ERROR a minute at most (the writer's clock, stepped by the test), and says in one line
 * when writes of that kind succeed again (a write of that kind committed, not one of another); every failure is still
 * counted.
 */
@Timeout(120)
class StoreWriterFailureLogTest {
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final String WRITER = "org.orderly.gateway.store.StoreWriter";

    @TempDir
    Path dir;

    private final SteppedClock clock = new SteppedClock();

    @Test
    void writesGivenUpAgainAndAgainAreOneErrorThenASummaryAMinuteThenOneLineWhenTheySucceed() throws Exception {
        Database db = new Database(dir.resolve("writer.db"));
        int failing = 200;
        try (StoreConnection store = StoreConnections.on(db); CapturedLog log = new CapturedLog()) {
            Connection connection = store.current();
            try (Statement s = connection.createStatement()) {
                s.execute("CREATE TABLE t (v TEXT)");
            }
            refuseInserts(db, true);
            StoreWriter writer = new StoreWriter(store, clock, 1000, c -> { },
                    Duration.ofHours(1), c -> { }, StoreWriter.Retry.NONE);
            writer.start();
            try {
                for (int i = 0; i < failing; i++) {
                    assertThat(writer.offer(insert("refused " + i))).isTrue();
                    if (i % 20 == 0) {
                        assertThat(writer.flush(DEADLINE)).isTrue(); // batches of one as well as of many
                    }
                }
                assertThat(writer.flush(DEADLINE)).isTrue();
                assertThat(writer.failed()).as("every write given up, counted").isEqualTo(failing);
                assertThat(errors(log)).as("the first failure said, its repeats not yet").hasSize(1);
                assertThat(errors(log).get(0)).contains("given up").contains("SQLITE_CONSTRAINT");
                assertThat(log.lines("\tat ")).as("its stack trace").isNotEmpty();

                clock.step(Duration.ofSeconds(61));
                Await.until("the repeats summed up", DEADLINE, () -> !summaries(log).isEmpty());
                assertThat(summaries(log)).hasSize(1);
                assertThat(summaries(log).get(0)).contains((failing - 1) + " more writes")
                        .contains("(last: ");
                assertThat(errors(log)).as("two ERRORs for " + failing + " failures").hasSize(2);

                refuseInserts(db, false);
                assertThat(writer.offer(insert("taken"))).isTrue();
                assertThat(writer.flush(DEADLINE)).isTrue();
                assertThat(log.lines(WRITER, "succeed again after " + failing + " failures over"))
                        .as("one line when they succeed again").hasSize(1);
                assertThat(writer.failed()).isEqualTo(failing);
            } finally {
                writer.close();
            }
        }
    }

    @Test
    void writesKeptAndTriedAgainAndAgainAreOneErrorThenOneLineWhenTheySucceed() throws Exception {
        Database db = new Database(dir.resolve("writer.db"));
        try (StoreConnection store = StoreConnections.on(db); Connection locker = db.open(); CapturedLog log = new CapturedLog()) {
            Connection connection = store.current();
            try (Statement s = connection.createStatement()) {
                s.execute("CREATE TABLE t (v TEXT)");
                s.execute("PRAGMA busy_timeout = 0");
            }
            try (Statement s = locker.createStatement()) {
                s.execute("BEGIN IMMEDIATE");
            }
            // Tried again every 10 ms: many failed attempts in little time.
            StoreWriter writer = new StoreWriter(store, clock, 1000, c -> { },
                    Duration.ofHours(1), c -> { }, new StoreWriter.Retry(Duration.ofMillis(10), Duration.ofMillis(10)));
            writer.start();
            try {
                for (int i = 0; i < 5; i++) {
                    assertThat(writer.offer(insert("kept " + i))).isTrue();
                }
                Await.until("many failed attempts", DEADLINE, () -> writer.attemptsFailed() >= 100);
                assertThat(errors(log)).as("the first failed attempt said, its repeats not yet").hasSize(1);
                assertThat(errors(log).get(0)).contains("kept").contains("SQLITE_BUSY");

                try (Statement s = locker.createStatement()) {
                    s.execute("ROLLBACK");
                }
                assertThat(writer.flush(DEADLINE)).isTrue();
                assertThat(writer.retrying()).isZero();
                assertThat(writer.failed()).as("nothing given up").isZero();
                assertThat(log.lines(WRITER, "succeed again after")).as("one line when they succeed again")
                        .hasSize(1);
                assertThat(errors(log)).as("one ERROR for " + writer.attemptsFailed() + " failed attempts")
                        .hasSize(1);
            } finally {
                writer.close();
            }
        }
    }

    @Test
    void aKindWrittenOnceAndRefusedForGoodDoesNotQuietTheBatchFailuresOfOtherKinds() throws Exception {
        Database db = new Database(dir.resolve("writer.db"));
        try (StoreConnection store = StoreConnections.on(db); CapturedLog log = new CapturedLog()) {
            Connection connection = store.current();
            try (Statement s = connection.createStatement()) {
                s.execute("CREATE TABLE t (v TEXT)");
                s.execute("CREATE TABLE r (v TEXT)");
                s.execute("CREATE TRIGGER refuse_r BEFORE INSERT ON r BEGIN"
                        + " SELECT RAISE(ABORT, 'refused by the test'); END");
                s.execute("CREATE TRIGGER refuse_bad BEFORE INSERT ON t WHEN NEW.v = 'bad' BEGIN"
                        + " SELECT RAISE(ABORT, 'bad refused by the test'); END");
            }
            StoreWriter writer = new StoreWriter(store, clock, 1000, c -> { },
                    Duration.ofHours(1), c -> { }, StoreWriter.Retry.NONE);
            writer.start();
            try {
                assertThat(writer.offer(Write.named("the rare write", c -> {
                    try (Statement s = c.createStatement()) {
                        s.executeUpdate("INSERT INTO r (v) VALUES ('once')");
                    }
                }))).isTrue();
                assertThat(writer.flush(DEADLINE)).isTrue();
                assertThat(errors(log)).as("the rare write's failure said").hasSize(1);

                batchOf5WithOneBad(writer);
                assertThat(log.lines("WARN " + WRITER, "store batch of", "bad refused by the test"))
                        .as("a batch of writes of another kind failing, said as such rather than taken for the rare"
                                + " write's repeat").hasSize(1);
                assertThat(writer.failed()).isEqualTo(2);
            } finally {
                writer.close();
            }
        }
    }

    @Test
    void aKindWrittenOnceThatFailedIsSaidOverOnlyWhenAWriteOfItCommits() throws Exception {
        Database db = new Database(dir.resolve("writer.db"));
        try (StoreConnection store = StoreConnections.on(db); Connection locker = db.open(); CapturedLog log = new CapturedLog()) {
            Connection connection = store.current();
            try (Statement s = connection.createStatement()) {
                s.execute("CREATE TABLE t (v TEXT)");
                s.execute("CREATE TRIGGER refuse_bad BEFORE INSERT ON t WHEN NEW.v = 'bad' BEGIN"
                        + " SELECT RAISE(ABORT, 'bad refused by the test'); END");
                s.execute("PRAGMA busy_timeout = 0");
            }
            try (Statement s = locker.createStatement()) {
                s.execute("BEGIN IMMEDIATE");
            }
            StoreWriter writer = new StoreWriter(store, clock, 1000, c -> { },
                    Duration.ofHours(1), c -> { }, StoreWriter.Retry.NONE);
            writer.start();
            try {
                assertThat(writer.offer(Write.named("the rare write", insert("once")))).isTrue();
                assertThat(writer.flush(DEADLINE)).isTrue();
                assertThat(errors(log)).as("the rare write given up, locked out").hasSize(1);
                assertThat(errors(log).get(0)).contains("the rare write").contains("SQLITE_BUSY");
                try (Statement s = locker.createStatement()) {
                    s.execute("ROLLBACK");
                }
                assertThat(writer.offer(insert("taken"))).isTrue();
                assertThat(writer.flush(DEADLINE)).isTrue();
                assertThat(log.lines(WRITER, "succeed again"))
                        .as("a write of another kind committed: no word of the rare write's (a full disk takes some)")
                        .isEmpty();

                batchOf5WithOneBad(writer);
                assertThat(log.lines("WARN " + WRITER, "store batch of", "bad refused by the test")).hasSize(1);

                assertThat(writer.offer(Write.named("the rare write", insert("again")))).isTrue();
                assertThat(writer.flush(DEADLINE)).isTrue();
                assertThat(log.lines("INFO " + WRITER, "(the rare write) succeed again after 1 failures"))
                        .as("said once a write of it commits").hasSize(1);
            } finally {
                writer.close();
            }
        }
    }

    /**
     * Five inserts into {@code t} taken in one batch (the writer held until all are queued; the flush's mark makes it
     * six), one of them refused.
     */
    private static void batchOf5WithOneBad(StoreWriter writer) throws InterruptedException {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        assertThat(writer.offer(c -> {
            holding.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        })).isTrue();
        assertThat(holding.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        for (String v : List.of("a", "b", "bad", "c", "d")) {
            assertThat(writer.offer(insert(v))).isTrue();
        }
        release.countDown();
        assertThat(writer.flush(DEADLINE)).isTrue();
    }

    private static List<String> errors(CapturedLog log) {
        return log.lines("ERROR " + WRITER);
    }

    private static List<String> summaries(CapturedLog log) {
        return log.lines("ERROR " + WRITER, "more writes failed the same way since");
    }

    /** A trigger that has SQLite refuse every insert into {@code t} (SQLITE_CONSTRAINT: it does not pass). */
    private static void refuseInserts(Database db, boolean refuse) throws SQLException {
        try (Connection c = db.open(); Statement s = c.createStatement()) {
            s.execute(refuse ? "CREATE TRIGGER refuse_t BEFORE INSERT ON t BEGIN"
                    + " SELECT RAISE(ABORT, 'refused by the test'); END" : "DROP TRIGGER refuse_t");
        }
    }

    private static Write insert(String v) {
        return c -> {
            try (Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO t (v) VALUES ('" + v + "')");
            }
        };
    }
}
