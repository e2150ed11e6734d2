package org.orderly.gateway.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import org.orderly.gateway.files.Directories;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a store file made beside the store ({@code ready}: one file, no WAL of its own) in the store's place so that a
 * stop at any instant (Ctrl-C, kill -9, a power cut) leaves a whole store at the path the gateway opens: the old one
 * or the new one, never none, and never one's database with the other's WAL (SQLite would apply a WAL to any database
 * beside it: nothing in its frames names the file they belong to). The old store's WAL is first taken into its
 * database by a checkpoint (SQLite's own, safe at any instant), so the old store is one file; its side files are
 * renamed aside; the old database is kept aside by a second name (a hard link; a copy where the file system has none)
 * while it still fills the path; and the new one replaces it by one rename (docs/operations.md, "Backing up and
 * restoring the store").
 */
final class StoreSwap {
    private static final Logger LOG = LoggerFactory.getLogger(StoreSwap.class);

    /** The points a restore passes, in order: a stop between any two leaves the store named in each. */
    enum Step {
        /** The copy is on the disk beside the store; the store is the old one. */
        COPY_ON_DISK,
        /** The old store's WAL taken into its database (where it had one); the store is the old one. */
        OLD_WAL_TAKEN_IN,
        /** The old store kept aside under a second name, its side files renamed to its; the store is the old one. */
        OLD_KEPT_ASIDE,
        /** The copy renamed into the store's place, on the disk; the store is the restored one. */
        REPLACED
    }

    private StoreSwap() {
    }

    /**
     * Replaces {@code file} by {@code ready}, the old store (and its side files and damage mark) kept as
     * {@code NAME.replaced-STAMP}; each step passed told to {@code steps}. Returns where the old store went, if there
     * was one.
     */
    static Optional<Path> replace(Path file, Path ready, Instant now, Consumer<Step> steps) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        for (String suffix : new String[] {"-wal", "-shm", "-journal"}) {
            Path side = ready.resolveSibling(ready.getFileName() + suffix);
            if (Files.exists(side)) {
                throw new IOException("the copy " + ready + " has a " + suffix + " beside it: it is not one file");
            }
        }
        try (FileChannel c = FileChannel.open(ready, StandardOpenOption.READ)) {
            c.force(true);
        }
        Directories.force(dir);
        steps.accept(Step.COPY_ON_DISK);
        boolean old = Files.exists(file);
        if (old) {
            takeWalIn(file);
        }
        steps.accept(Step.OLD_WAL_TAKEN_IN);
        Optional<Path> replaced = Optional.empty();
        if (old || Files.exists(StoreCheck.mark(file))) {
            Path aside = StoreCheck.asideName(file, now, "replaced");
            StoreCheck.moveSideFilesAside(file, aside);
            if (old) {
                keepAside(file, aside);
            }
            Directories.force(dir);
            replaced = Optional.of(aside);
        }
        steps.accept(Step.OLD_KEPT_ASIDE);
        Files.move(ready, file, StandardCopyOption.ATOMIC_MOVE);
        Directories.force(dir);
        steps.accept(Step.REPLACED);
        return replaced;
    }

    /**
     * Takes the old store's WAL into its database and leaves it in rollback mode, so that the database file alone is
     * the whole store (the next start puts it back in WAL mode). A store SQLite cannot do that for (a damaged one)
     * keeps its WAL, moved aside with it: then a stop before the copy is in place leaves the store without the commits
     * in its WAL, which stay in the file moved aside; one line says so.
     */
    private static void takeWalIn(Path file) {
        Path wal = file.resolveSibling(file.getFileName() + "-wal");
        if (!Files.exists(wal)) {
            return;
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = " + Database.BUSY_TIMEOUT.toMillis());
            s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            try (ResultSet r = s.executeQuery("PRAGMA journal_mode = DELETE")) {
                String mode = r.next() ? r.getString(1) : "nothing";
                if (!"delete".equalsIgnoreCase(mode)) {
                    LOG.warn("store {}: its WAL could not be taken into it (journal mode {} kept); it is moved aside"
                            + " with the store", file, mode);
                }
            }
        } catch (SQLException e) {
            LOG.warn("store {}: its WAL could not be taken into it ({}); it is moved aside with the store", file,
                    e.getMessage());
        }
    }

    /**
     * A second name for the old store while it still fills the path: a hard link, or a copy forced to the disk where
     * the file system has no links (FAT).
     */
    private static void keepAside(Path file, Path aside) throws IOException {
        try {
            Files.createLink(aside, file);
        } catch (UnsupportedOperationException | FileSystemException e) {
            LOG.info("store {}: no hard link to keep it aside ({}); copying it to {}", file, e.getMessage(), aside);
            Files.copy(file, aside, StandardCopyOption.COPY_ATTRIBUTES);
            try (FileChannel c = FileChannel.open(aside, StandardOpenOption.READ)) {
                c.force(true);
            }
        }
    }
}
