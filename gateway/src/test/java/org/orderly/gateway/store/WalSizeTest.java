package org.orderly.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The write-ahead log grows while a reader holds an old snapshot (a long page query, the store's full check reading
 * every page) and SQLite cannot start it over; once it can, it starts over at the front of the file but leaves the file
 * at the largest size it ever reached, on the gateway's SD card for good. The store's connections set
 * {@code journal_size_limit}, so the file is cut back to it when the log starts over. Real SQLite files.
 */
class WalSizeTest {
    private static final int MB = 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void theLogGrownBehindALongReadIsCutBackOnceItStartsOver() throws Exception {
        Database db = new Database(dir.resolve("orderly.db"));
        Path wal = dir.resolve("orderly.db-wal");
        try (Connection writer = db.open(); Connection reader = db.open()) {
            try (Statement s = writer.createStatement()) {
                s.execute("CREATE TABLE t (v BLOB)");
                s.execute("INSERT INTO t VALUES (zeroblob(1))");
            }
            // The reader's snapshot keeps every frame written after it in the log.
            reader.setAutoCommit(false);
            try (Statement s = reader.createStatement(); ResultSet r = s.executeQuery("SELECT COUNT(*) FROM t")) {
                assertThat(r.next()).isTrue();
            }
            try (PreparedStatement p = writer.prepareStatement("INSERT INTO t VALUES (zeroblob(?))")) {
                for (int i = 0; i < 24; i++) {
                    p.setInt(1, MB);
                    p.executeUpdate();
                }
            }
            long grown = Files.size(wal);
            assertThat(grown).as("the log behind the reader").isGreaterThan(20L * MB);
            reader.commit();

            try (Statement s = writer.createStatement()) {
                s.execute("PRAGMA wal_checkpoint(PASSIVE)");
                s.execute("DELETE FROM t WHERE rowid = 1"); // the next write starts the log over
            }
            assertThat(Files.size(wal)).as("the log after it started over (it was %d bytes)", grown)
                    .isLessThanOrEqualTo(Database.WAL_SIZE_LIMIT_BYTES);
        }
    }
}
