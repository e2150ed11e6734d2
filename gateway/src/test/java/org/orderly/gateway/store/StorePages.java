package org.orderly.gateway.store;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Random;

/**
 * Damages a real store file as a worn SD card does: garbage over one page. For tests of what reads a damaged page,
 * on a store made by the gateway's own {@link Store} and closed.
 */
public final class StorePages {
    private StorePages() {
    }

    /**
     * Garbage over the root page of the table or index {@code name} of the closed store {@code file}, after its WAL is
     * checkpointed into the file (so that SQLite reads the page from the file, not from the WAL).
     */
    public static void garbageOverRoot(Path file, String name) throws SQLException, IOException {
        int root;
        int pageSize;
        try (Connection c = new Database(file).open(); Statement s = c.createStatement()) {
            s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            try (ResultSet r = s.executeQuery("SELECT rootpage FROM sqlite_master WHERE name = '" + name + "'")) {
                if (!r.next()) {
                    throw new IllegalArgumentException("no table or index " + name + " in " + file);
                }
                root = r.getInt(1);
            }
            try (ResultSet r = s.executeQuery("PRAGMA page_size")) {
                pageSize = r.getInt(1);
            }
        }
        garbageOverPage(file, root, pageSize);
    }

    /** Garbage over page {@code page} of {@code file} (of page 1, past the file's 100-byte header). */
    public static void garbageOverPage(Path file, int page, int pageSize) throws IOException {
        byte[] junk = new byte[pageSize - 8];
        new Random(page).nextBytes(junk);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek((long) (page - 1) * pageSize + (page == 1 ? 100 : 0));
            f.write(junk, 0, page == 1 ? junk.length - 100 : junk.length);
        }
    }
}
