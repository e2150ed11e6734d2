package org.orderly.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.web.CapturedLog;
import org.orderly.testkit.Await;
import org.orderly.testkit.SteppedClock;

/**
 * A store whose file SQLite will not write (its writer's connection made read-only with {@code PRAGMA query_only}, as
 * an SD card the kernel remounted read-only, or a full disk, refuses writes: SQLITE_READONLY, a code whose cause may
 * pass; file modes would not stop the tests, which run as root). A session's row and the session number given out are
 * kept and written once the store takes writes again: the grid hears of a session only from its ended row. The log
 * says each kind of write failing once, in one line naming the file and SQLite's code, never that writes succeed
 * again while only writes that changed nothing commit (a transaction that writes nothing commits on a read-only file),
 * and one ERROR a minute at most for each kind, also when a write of it commits in between (docs/operations.md, "When
 * writes fail").
 */
@Timeout(120)
class StoreWritesRefusedTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String WRITER = "org.orderly.gateway.store.StoreWriter";

    @TempDir
    Path dir;

    private final SteppedClock clock = new SteppedClock();
    private final AtomicInteger ended = new AtomicInteger();
    private Store store;

    @AfterEach
    void close() throws SQLException {
        if (store != null) {
            readOnly(false);
            store.close();
        }
    }

    @Test
    void aSessionsEndAndItsNumberRefusedByTheStoreAreKeptAndWrittenOnceItTakesWritesAgain() throws Exception {
        openStore();
        Instant arrival = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        SessionRecord open = session("P1@1-1", arrival, null, 0);
        store.session(open);
        assertThat(store.flush(WAIT)).isTrue();

        readOnly(true);
        long number = store.nextSessionNumber();
        SessionRecord end = session("P1@1-1", arrival, arrival.plusSeconds(600), 4.5);
        assertThat(store.session(end)).isTrue();
        Await.until("the ended row refused", WAIT, () -> store.writer().attemptsFailed() >= 1);
        readOnly(false);

        Await.until("the ended row in the table", WAIT, () -> sessions().contains(end));
        assertThat(store.flush(WAIT)).isTrue();
        assertThat(sessions()).as("the session's end, not its open row").containsExactly(end);
        assertThat(ended).as("the ended row's cue to the outbox").hasValue(1);
        assertThat(sessionSeq()).as("the session number given out").isEqualTo(number);
        assertThat(store.failed()).as("nothing given up").isZero();
    }

    @Test
    void writesRefusedAreOneLineNamingFileAndCodeAndNeverSaidToSucceedWhileNothingIsWritten() throws Exception {
        openStore();
        try (CapturedLog log = new CapturedLog()) {
            readOnly(true);
            for (int i = 0; i < 20; i++) {
                assertThat(store.event("test.marker", "gw", "refused " + i)).isTrue();
                // Folded in memory: its transaction writes nothing, and commits on a read-only file.
                assertThat(store.sample(new Sample("tx", "power.total.kw", clock.instant(), i))).isTrue();
                assertThat(store.flush(WAIT)).isTrue();
            }
            assertThat(store.failed()).as("every event given up, counted").isGreaterThanOrEqualTo(20);
            List<String> first = log.lines("ERROR " + WRITER, "store write failed", "an event");
            assertThat(first).as("one ERROR for 20 events refused").hasSize(1);
            assertThat(first.get(0)).contains("SQLITE_READONLY")
                    .contains(dir.resolve("orderly.db").toString());
            assertThat(log.lines("\tat ")).as("no stack trace for a store that takes no writes").isEmpty();
            assertThat(log.lines("Suppressed")).isEmpty();
            assertThat(log.lines("succeed again")).as("nothing written: nothing succeeds").isEmpty();
            assertThat(store.writesRefused()).as("for the page's alarm: writes that changed nothing do not clear it")
                    .contains("SQLITE_READONLY");

            clock.step(Duration.ofSeconds(61));
            assertThat(store.event("test.marker", "gw", "refused after a minute")).isTrue();
            Await.until("the repeats summed up", WAIT,
                    () -> !log.lines("ERROR " + WRITER, "more writes failed the same way", "an event").isEmpty());
            assertThat(log.lines("ERROR " + WRITER, "an event")).as("the first ERROR and one summary").hasSize(2);
            assertThat(first.get(0)).as("the first of them").contains("(1 write given up since start)");
            assertThat(log.lines("succeed again")).isEmpty();

            readOnly(false);
            assertThat(store.event("test.marker", "gw", "taken")).isTrue();
            assertThat(store.flush(WAIT)).isTrue();
            assertThat(log.lines("INFO " + WRITER, "succeed again", "an event")).as("said once, when it is so")
                    .hasSize(1);
            assertThat(store.writesRefused()).isEmpty();
        }
    }

    @Test
    void aKindFailingAgainWithinAMinuteOfItsErrorIsCountedNotSaidAgain() throws Exception {
        openStore();
        try (CapturedLog log = new CapturedLog()) {
            readOnly(true);
            assertThat(store.event("test.marker", "gw", "refused")).isTrue();
            assertThat(store.flush(WAIT)).isTrue();
            readOnly(false);
            // A small write that commits on a disk still full: of the kind that failed.
            assertThat(store.event("test.marker", "gw", "taken")).isTrue();
            assertThat(store.flush(WAIT)).isTrue();
            readOnly(true);
            clock.step(Duration.ofSeconds(15));
            assertThat(store.event("test.marker", "gw", "refused again")).isTrue();
            assertThat(store.flush(WAIT)).isTrue();

            List<String> first = log.lines("ERROR " + WRITER, "store write failed", "an event");
            assertThat(first).as("one ERROR a minute at most for the kind").hasSize(1);
            // One write is said as one (until 2026-12-05 "1 writes given up since start", "1 more writes failed").
            assertThat(first.get(0)).contains("(1 write given up since start)");
            clock.step(Duration.ofSeconds(50));
            Await.until("the repeat summed up a minute after the ERROR", WAIT,
                    () -> !log.lines("ERROR " + WRITER, "1 more write failed the same way", "an event").isEmpty());
        }
    }

    /**
     * A real SQLITE_FULL ({@code PRAGMA max_page_count} at the file's size: no disk needs to fill): SQLite rolls the
     * transaction back itself, and the writer's own ROLLBACK finds none; one line names the file and the code, with no
     * stack trace and no "cannot rollback" beside it.
     */
    @Test
    void aFullStoreIsOneLineNamingTheCodeWithoutStackTraceOrRollbackNoise() throws Exception {
        openStore();
        try (CapturedLog log = new CapturedLog()) {
            try (StoreConnection.Lease l = store.writerConnection().lease();
                 Statement s = l.connection().createStatement();
                 ResultSet rs = s.executeQuery("PRAGMA page_count")) {
                assertThat(rs.next()).isTrue();
                long pages = rs.getLong(1);
                s.execute("PRAGMA max_page_count = " + pages);
            }
            assertThat(store.event("test.marker", "gw", "x".repeat(400_000))).isTrue();
            assertThat(store.flush(WAIT)).isTrue();

            List<String> errors = log.lines("ERROR " + WRITER, "store write failed", "an event");
            assertThat(errors).hasSize(1);
            assertThat(errors.get(0)).contains("SQLITE_FULL").contains(dir.resolve("orderly.db").toString());
            assertThat(log.lines("\tat ")).isEmpty();
            assertThat(log.lines("cannot rollback")).isEmpty();
            assertThat(store.writesRefused()).contains("SQLITE_FULL");
        }
    }

    private void openStore() {
        store = Store.open(new StoreSettings(dir.resolve("orderly.db"), Retention.days(90), 100, Duration.ofMillis(200),
                Duration.ofDays(1)), clock);
        store.onSessionEnded(ended::incrementAndGet);
        // The retention's first run, due at once, done before the tests refuse writes: not a failure of theirs.
        assertThat(store.runRetention()).isTrue();
        try {
            assertThat(store.flush(WAIT)).isTrue();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** Makes SQLite refuse (SQLITE_READONLY) or take again every write on the store's writer connection. */
    private void readOnly(boolean on) throws SQLException {
        try (StoreConnection.Lease l = store.writerConnection().lease();
             Statement s = l.connection().createStatement()) {
            s.execute("PRAGMA query_only = " + (on ? "ON" : "OFF"));
        }
    }

    private List<SessionRecord> sessions() {
        try (StoreReader r = store.reader()) {
            return r.sessions(Instant.EPOCH, clock.instant().plusSeconds(3600));
        }
    }

    private long sessionSeq() throws SQLException {
        try (StoreReader r = store.reader(); Statement s = r.connection().createStatement();
             ResultSet rs = s.executeQuery("SELECT seq FROM session_seq")) {
            assertThat(rs.next()).isTrue();
            return rs.getLong(1);
        }
    }

    private static SessionRecord session(String id, Instant arrival, Instant departure, double kWh) {
        return new SessionRecord(id, id.substring(0, 2), arrival, departure, null, Double.NaN, kWh, false);
    }
}
