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

    /**
     * Garbage over the root page of {@code name} in the store {@code file} while a gateway has it open, as a page going
     * bad under a running gateway: the WAL is checkpointed into the file and emptied, the write lock is held (the
     * gateway's writers wait on it, within their busy timeout) while the page is overwritten there, then a commit of
     * the schema's user version changes the WAL's header, so that every connection drops the pages it had cached at its
     * next transaction and reads the garbage from the file.
     */
    public static void garbageOverRootOfOpenStore(Path file, String name) throws SQLException, IOException {
        Database db = new Database(file);
        try (Connection lock = db.open(); Connection other = db.open(); Statement l = lock.createStatement();
             Statement o = other.createStatement()) {
            int root;
            int pageSize;
            try (ResultSet r = l.executeQuery("SELECT rootpage FROM sqlite_master WHERE name = '" + name + "'")) {
                if (!r.next()) {
                    throw new IllegalArgumentException("no table or index " + name + " in " + file);
                }
                root = r.getInt(1);
            }
            try (ResultSet r = l.executeQuery("PRAGMA page_size")) {
                pageSize = r.getInt(1);
            }
            // An empty WAL under the write lock: the file then holds every page, and no copy of the page in the WAL
            // (still there after a checkpoint that does not reset it) can hide the garbage from a connection opened
            // later, as one opened after the gateway closes its connections.
            for (int tries = 0; ; tries++) {
                try (ResultSet r = o.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
                    r.next();
                }
                l.execute("BEGIN IMMEDIATE");
                try (ResultSet r = o.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
                    if (r.getInt(2) == 0) {
                        break;
                    }
                }
                l.execute("ROLLBACK");
                if (tries > 100) {
                    throw new IllegalStateException("the WAL of " + file + " could not be emptied");
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }
            try {
                garbageOverPage(file, root, pageSize);
                try (ResultSet r = l.executeQuery("PRAGMA user_version")) {
                    int version = r.getInt(1);
                    l.execute("PRAGMA user_version = " + (version + 1));
                }
                l.execute("COMMIT");
            } catch (SQLException | IOException | RuntimeException e) {
                l.execute("ROLLBACK");
                throw e;
            }
        }
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
