package org.orderly.gateway.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
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
 * database by a checkpoint (SQLite's own, safe at any instant), so the old store is one file; the old database is kept
 * aside by a second name (a hard link; a copy where the file system has none or its WAL could not be taken in) while
 * it still fills the path; its WAL and shared memory file are renamed aside, its damage mark copied aside; the new one
 * replaces it by one rename; then the mark is removed. The mark stays at the path until the copy is there, so the
 * damaged store a restore is usually run for is never left unmarked (docs/operations.md, "Backing up and restoring
 * the store").
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
        /**
         * The copy renamed into the store's place, on the disk; the store is the restored one, but a damage mark of the
         * old store is still beside it (where it had one): a start takes it as damaged, the safe side.
         */
        REPLACED,
        /** The old store's damage mark gone from beside the restored store (a copy of it kept aside). */
        MARK_CLEARED
    }

    /**
     * How the old store is given its second name: the file system's hard link, or in a test one that refuses as FAT's
     * does, so that the copy made instead is tested where links exist.
     */
    @FunctionalInterface
    interface HardLink {
        HardLink OF_THE_FILE_SYSTEM = Files::createLink;

        /** Makes {@code link} a second name of {@code existing}, or throws as {@link Files#createLink} does. */
        Path create(Path link, Path existing) throws IOException;
    }

    private StoreSwap() {
    }

    /**
     * Replaces {@code file} by {@code ready}, the old store (and its side files and damage mark) kept as
     * {@code NAME.replaced-STAMP}; each step passed told to {@code steps}. Returns where the old store went, if there
     * was one.
     */
    static Optional<Path> replace(Path file, Path ready, Instant now, Consumer<Step> steps) throws IOException {
        return replace(file, ready, now, steps, HardLink.OF_THE_FILE_SYSTEM);
    }

    /** {@link #replace(Path, Path, Instant, Consumer)}, the old store's second name made by {@code links}. */
    static Optional<Path> replace(Path file, Path ready, Instant now, Consumer<Step> steps, HardLink links)
            throws IOException {
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
        Path mark = StoreCheck.mark(file);
        // The mark stays at the path until the copy is there: a stop before leaves the damaged store marked.
        boolean marked = Files.exists(mark, LinkOption.NOFOLLOW_LINKS);
        if (old || marked) {
            Path aside = StoreCheck.asideName(file, now, "replaced");
            if (old) {
                keepAside(file, aside, Files.exists(file.resolveSibling(file.getFileName() + "-wal")), links);
            }
            StoreCheck.moveSqliteFilesAside(file, aside);
            if (marked) {
                copyForced(mark, aside.resolveSibling(aside.getFileName() + "-mark"));
            }
            Directories.force(dir);
            replaced = Optional.of(aside);
        }
        steps.accept(Step.OLD_KEPT_ASIDE);
        Files.move(ready, file, StandardCopyOption.ATOMIC_MOVE);
        Directories.force(dir);
        steps.accept(Step.REPLACED);
        if (marked) {
            Files.delete(mark);
            Directories.force(dir);
        }
        steps.accept(Step.MARK_CLEARED);
        return replaced;
    }

    /**
     * Takes the old store's WAL into its database and leaves it in rollback mode, so that the database file alone is
     * the whole store (the next start puts it back in WAL mode). A store SQLite cannot do that for (a damaged one)
     * keeps its WAL, moved aside with it (beside a copy of the database: {@link #keepAside}): then a stop before the
     * copy is in place leaves the store without the commits in its WAL, which stay in the files moved aside; one line
     * says so.
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
     * the file system has no links (FAT) or where its WAL could not be taken in ({@code walKept}): that WAL goes aside
     * with the second name, and a link would be the store the gateway writes once started, its pages no longer those
     * the WAL's frames were written over (a stop before the copy is in place). A copy is made under a passing name and
     * renamed, so the second name is never a part of the store.
     */
    private static void keepAside(Path file, Path aside, boolean walKept, HardLink links) throws IOException {
        if (!walKept) {
            try {
                links.create(aside, file);
                return;
            } catch (UnsupportedOperationException | FileSystemException e) {
                LOG.info("store {}: no hard link to keep it aside ({}); copying it to {}", file, e.getMessage(), aside);
            }
        }
        Path part = aside.resolveSibling(aside.getFileName() + ".part");
        Files.deleteIfExists(part);
        copyForced(file, part);
        Files.move(part, aside, StandardCopyOption.ATOMIC_MOVE);
    }

    /** A copy of {@code from} (a link as a link) at {@code to}, a file's contents forced to the disk. */
    private static void copyForced(Path from, Path to) throws IOException {
        Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        if (Files.isRegularFile(to, LinkOption.NOFOLLOW_LINKS)) {
            try (FileChannel c = FileChannel.open(to, StandardOpenOption.READ)) {
                c.force(true);
            }
        }
    }
}
