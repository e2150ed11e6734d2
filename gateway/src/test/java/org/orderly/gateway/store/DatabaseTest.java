package org.orderly.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

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
}
