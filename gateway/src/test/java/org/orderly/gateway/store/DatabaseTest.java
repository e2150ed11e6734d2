package org.orderly.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.core.time.VirtualClock;
import org.orderly.testkit.powercut.PowerCutFileSystem;

class DatabaseTest {
    @TempDir
    Path dir;

    /**
     * Only the directory is seen: SQLite writes its file through the real path, which the power-cut file system is not
     * told of (SQLite forces its own files).
     */
    @Test
    void theStoresNewDirectorySurvivesAPowerCutAfterTheFirstRun() throws Exception {
        PowerCutFileSystem disk = PowerCutFileSystem.over(dir);
        Database db = new Database(disk.path("var/orderly/orderly.db"));
        try (Connection c = db.open()) {
            Migrations.apply(c, new VirtualClock(Instant.parse("2026-03-01T19:00:00Z"), ZoneOffset.UTC));
        }

        disk.cut(PowerCutFileSystem.Cut.NAMES_LOST);

        assertThat(dir.resolve("var/orderly")).isDirectory();
    }

    /**
     * SQLite forces the directory for a new journal or WAL file, not for the database file it creates (os_unix.c,
     * {@code syncDir}). The power-cut file system does not see SQLite's files, so the directory force is observed
     * through a directory that fails to be forced: opening a new store must try it, and fail with the disk's error.
     */
    @Test
    void openingANewStoreForcesItsNameIntoItsDirectory() throws Exception {
        Files.createDirectories(dir.resolve("var"));
        PowerCutFileSystem disk = PowerCutFileSystem.over(dir);
        disk.directoryForceFails(true);
        Database db = new Database(disk.path("var/orderly.db"));

        assertThatThrownBy(db::open).isInstanceOf(StoreException.class)
                .hasMessageContaining(dir.resolve("var/orderly.db").toString())
                .hasMessageContaining("Input/output error");
    }

    /** Readers open a connection per query: an existing file's name is on the disk already, and is not forced again. */
    @Test
    void openingAnExistingStoreLeavesItsDirectoryAlone() throws Exception {
        PowerCutFileSystem disk = PowerCutFileSystem.over(dir);
        Database db = new Database(disk.path("var/orderly.db"));
        db.open().close();
        disk.directoryForceFails(true);

        try (Connection c = db.open()) {
            assertThat(Database.journalMode(c)).isEqualTo("wal");
        }
    }
}
