package org.orderly.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.orderly.gateway.web.CapturedLog;

/**
 * The files an older build's {@code orderly restore} (until 2026-12-07, git show 21fd8975:.../StoreCheck.java's
 * moveAside) left when stopped within its move of the store aside: it renamed the store's {@code -wal}, then its
 * {@code -shm}, then its damage mark, then the store, to {@code NAME.replaced-STAMP}, one rename at a time, its copy
 * {@code NAME.restoring} beside them. A stop after one of the first three leaves the database at the path without its
 * WAL (its commits) or without its mark; the start puts them back and says so in one line, and takes back no
 * {@code -wal} that is not that restore's.
 */
@Timeout(60)
class OlderRestoreSideFilesTest {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    /** The older restore's renames, in its order (SIDE_FILES, then the mark, then the database). */
    private static final List<String> RENAMED = List.of("-wal", "-shm", ".damaged-mark");
    private static final List<String> CHECKPOINTED = List.of("old-1");
    private static final List<String> IN_THE_WAL = List.of("old-2", "old-3");
    private static final List<String> ALL = List.of("old-1", "old-2", "old-3");

    @TempDir
    Path dir;

    @ParameterizedTest(name = "stopped after {0} rename(s)")
    @ValueSource(ints = {1, 2, 3})
    void theWalAndShmAnOlderRestoreMovedAsideArePutBackAndTheirRowsKept(int renames) throws Exception {
        Path store = dir.resolve("orderly.db");
        Path aside = olderRestoreStopped(store, renames, false);
        List<String> said;
        try (CapturedLog log = new CapturedLog()) {
            assertThat(StoreCheck.atStart(store, Clock.systemUTC(), Instant.EPOCH)).as("not damaged").isEmpty();
            said = log.lines("put back", aside + "-wal", "older Orderly's restore");
        }
        assertThat(RestoreKilledTest.capsOf(store)).as("the store's rows, those in its WAL too").isEqualTo(ALL);
        assertThat(said).as("one line naming what was put back").hasSize(1);
        assertThat(dir.resolve(aside + "-wal")).as("moved back, not copied").doesNotExist();
        assertThat(dir.resolve(aside + "-shm")).doesNotExist();
        assertThat(dir.resolve("orderly.db.restoring")).as("the copy left for a restore run again").exists();
    }

    @Test
    void theDamageMarkAnOlderRestoreMovedAsideIsPutBackSoTheStoreIsTakenAsDamaged() throws Exception {
        Path store = dir.resolve("orderly.db");
        Path aside = olderRestoreStopped(store, 3, true);
        try (CapturedLog log = new CapturedLog()) {
            assertThat(StoreCheck.atStart(store, Clock.systemUTC(), Instant.EPOCH))
                    .as("the store's mark put back: it is taken as damaged at the start").isPresent();
            assertThat(log.lines("put back", aside + "-mark")).as("the line names the mark").hasSize(1);
        }
        assertThat(dir.resolve(aside + "-mark")).doesNotExist();
    }

    /** A {@code -wal} aside with no copy beside the store, or one older than the copy: an earlier restore's. */
    @ParameterizedTest(name = "copy gone: {0}")
    @ValueSource(booleans = {true, false})
    void aWalNotThisRestoresIsNotTakenBack(boolean copyGone) throws Exception {
        Path store = dir.resolve("orderly.db");
        Path aside = olderRestoreStopped(store, 1, false);
        Path copy = dir.resolve("orderly.db.restoring");
        if (copyGone) {
            Files.delete(copy);
        } else {
            Files.setLastModifiedTime(copy, FileTime.from(Instant.now().plusSeconds(3600)));
        }
        StoreCheck.atStart(store, Clock.systemUTC(), Instant.EPOCH);
        assertThat(dir.resolve(aside + "-wal")).as("not this restore's: left aside").exists();
        assertThat(RestoreKilledTest.capsOf(store)).isEqualTo(CHECKPOINTED);
    }

    @Test
    void aWalIsNotPutUnderAStoreChangedSinceItWasMovedAside() throws Exception {
        Path store = dir.resolve("orderly.db");
        Path aside = olderRestoreStopped(store, 1, false);
        // An older build's start ran on the store without its WAL: its pages are no longer those the frames were over.
        Files.setLastModifiedTime(store, FileTime.from(Instant.now().plusSeconds(3600)));
        try (CapturedLog log = new CapturedLog()) {
            StoreCheck.atStart(store, Clock.systemUTC(), Instant.EPOCH);
            assertThat(log.lines("changed since", aside + "-wal")).as("one line: left aside, and why").hasSize(1);
        }
        assertThat(dir.resolve(aside + "-wal")).exists();
        assertThat(RestoreKilledTest.capsOf(store)).isEqualTo(CHECKPOINTED);
    }

    /**
     * An older build's start opened the store without its WAL and wrote to it, on a clock behind (a Pi without RTC
     * after a power cut): the database's time is before the stamp. Its WAL's frames over those pages would damage it.
     */
    @Test
    void aWalIsNotPutUnderAStoreChangedSinceOnAClockBehind() throws Exception {
        Path store = dir.resolve("orderly.db");
        startedOnAClockBehindAndTheWalLeftAside(store, 400);
        assertThat(RestoreKilledTest.capsOf(store)).as("the rows the older start wrote kept").hasSize(401);
    }

    /**
     * An older start wrote fewer rows than the WAL holds, to the same table, on a clock behind: their rowids are the
     * WAL's rows' too, so the store alone has no more rows nor a larger rowid than with the WAL, and only the rows'
     * content tells it was written to (until read61f the WAL was put back and the older start's row was lost).
     */
    @Test
    void aWalIsNotPutUnderAStoreWrittenToWithFewerRowsThanTheWalHolds() throws Exception {
        Path store = dir.resolve("orderly.db");
        startedOnAClockBehindAndTheWalLeftAside(store, 1);
        assertThat(RestoreKilledTest.capsOf(store)).as("the row the older start wrote kept").contains("new-0");
        try (DirectoryStream<Path> scratch = Files.newDirectoryStream(dir, "orderly.db.check-*")) {
            assertThat(scratch).as("the check's scratch folder removed").isEmpty();
        }
    }

    @Test
    void aStoreAnOlderRestoreFinishedIsLeftAsItIs() throws Exception {
        Path store = dir.resolve("orderly.db");
        Path aside = olderRestoreStopped(store, 2, false);
        Files.copy(store, aside); // the older restore went on: the database too was renamed aside (here: a copy)
        StoreCheck.atStart(store, Clock.systemUTC(), Instant.EPOCH);
        assertThat(dir.resolve(aside + "-wal")).as("the replaced store's own WAL").exists();
    }

    /**
     * {@link #startedOnAClockBehind} with {@code rows}, then the check at start: not damaged, the WAL left aside with
     * one line saying why, and there still.
     */
    private void startedOnAClockBehindAndTheWalLeftAside(Path store, int rows) throws Exception {
        Path aside = startedOnAClockBehind(store, rows);
        try (CapturedLog log = new CapturedLog()) {
            assertThat(StoreCheck.atStart(store, Clock.systemUTC(), Instant.EPOCH)).as("not damaged").isEmpty();
            assertThat(log.lines("not put back", aside + "-wal")).as("one line: left aside, and why").hasSize(1);
        }
        assertThat(dir.resolve(aside + "-wal")).exists();
    }

    /**
     * The older restore stopped after its first rename, then an older build's start opened the store without its WAL and
     * wrote {@code rows} grid caps ({@code new-0} on) to it, on a clock behind: the database's time 600 s before the
     * stamp. Returns the stamp's {@code NAME.replaced-STAMP}.
     */
    private Path startedOnAClockBehind(Path store, int rows) throws Exception {
        Path aside = olderRestoreStopped(store, 1, false);
        try (Connection older = new Database(store).open();
             PreparedStatement p = older.prepareStatement("INSERT INTO grid_caps (id, valid_from, valid_to, limit_kw,"
                     + " received_at) VALUES (?, 0, 1, 7.4, 0)")) {
            for (int i = 0; i < rows; i++) {
                p.setString(1, "new-" + i);
                p.executeUpdate();
            }
        }
        Instant stamp = OlderRestoreLeftover.stampOf(store, aside);
        Files.setLastModifiedTime(store, FileTime.from(stamp.minusSeconds(600)));
        return aside;
    }

    /**
     * A store with {@code CHECKPOINTED} in its database and {@code IN_THE_WAL} in its WAL only (a gateway killed, its
     * three files as it left them), then the older restore's steps: its copy made beside it, then its first
     * {@code renames} renames of the store's files to {@code NAME.replaced-STAMP}'s, as a stop after them leaves it.
     */
    private Path olderRestoreStopped(Path store, int renames, boolean marked) throws Exception {
        Path running = dir.resolve("running/orderly.db");
        RestoreKilledTest.makeStore(running, CHECKPOINTED, false);
        try (Connection held = new Database(running).open()) {
            try (Statement s = held.createStatement()) {
                s.execute("PRAGMA wal_autocheckpoint = 0");
            }
            try (PreparedStatement p = held.prepareStatement("INSERT INTO grid_caps (id, valid_from, valid_to, limit_kw,"
                    + " received_at) VALUES (?, 0, 1, 7.4, 0)")) {
                for (String id : IN_THE_WAL) {
                    p.setString(1, id);
                    p.executeUpdate();
                }
            }
            for (String suffix : List.of("", "-wal", "-shm")) {
                Files.copy(dir.resolve("running/orderly.db" + suffix), dir.resolve("orderly.db" + suffix),
                        StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        if (marked) {
            Files.writeString(StoreCheck.mark(store), "SQLITE_CORRUPT found\n");
        }
        Path copy = dir.resolve("orderly.db.restoring");
        RestoreKilledTest.makeStore(copy, List.of("backup-1"), false);
        Files.setLastModifiedTime(copy, FileTime.from(Instant.now().minusSeconds(1)));
        Path aside = dir.resolve("orderly.db.replaced-" + STAMP.format(Instant.now()));
        List<String> asideSuffixes = List.of("-wal", "-shm", "-mark");
        for (int i = 0; i < renames; i++) {
            Path from = dir.resolve("orderly.db" + RENAMED.get(i));
            if (Files.exists(from)) {
                Files.move(from, dir.resolve(aside.getFileName() + asideSuffixes.get(i)), StandardCopyOption.ATOMIC_MOVE);
            }
        }
        assertThat(dir.resolve(aside + "-wal")).as("the WAL moved aside").exists();
        return aside;
    }
}
