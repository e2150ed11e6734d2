package org.orderly.gateway.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.orderly.gateway.files.Directories;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig.SynchronousMode;

/**
 * Puts a backup in the store's place, the gateway stopped ({@code orderly restore}; docs/operations.md, "Backing up
 * and restoring the store"). A backup holds the two number sequences as they were when it was taken, and the gateway
 * gave out numbers after it: copied back as it is, the store would give the grid side message ids it already has,
 * with other messages in them (dropped there as repeats), and session ids it already has. So the restored store's
 * message numbers begin again as a fresh store's do (its {@code upstream_seq} at 0: the outbox begins at the clock's
 * milliseconds at the next start and says so in a {@code store.numbered} event, {@code seqFrom}), and its session
 * numbers above the milliseconds of the latest of the clock, this build's time and both stores' last change, as a
 * salvage starts a sequence it cannot read ({@link StoreSalvage}). The store it replaces is kept aside whole, with
 * its side files and damage mark, as {@code NAME.replaced-STAMP}; nothing is deleted. A stop at any instant leaves
 * the old store or the restored one at the path, whole ({@link StoreSwap}).
 */
public final class StoreRestore {
    private static final Logger LOG = LoggerFactory.getLogger(StoreRestore.class);

    /** What was done: the store restored, the backup, where the store it replaced went, the first session number. */
    public record Result(Path store, Path backup, Optional<Path> replaced, long sessionNumbersFrom, int schemaVersion) {
    }

    private StoreRestore() {
    }

    /**
     * Restores {@code store} from {@code backup}, which is read only. Refused, with nothing changed, while a gateway
     * holds the store ({@link StoreLock}), and for a backup that is not a sound store of a schema this build knows.
     *
     * @param floor the earliest the clock can be (this build's time)
     */
    public static Result from(Path backup, Path store, Clock clock, Instant floor) {
        return from(backup, store, clock, floor, step -> LOG.debug("restore of {}: {}", store, step));
    }

    /** {@link #from(Path, Path, Clock, Instant)}, each step of the swap told to {@code steps} as it is passed. */
    static Result from(Path backup, Path store, Clock clock, Instant floor, Consumer<StoreSwap.Step> steps) {
        return from(backup, store, clock, floor, steps, StoreSwap.HardLink.OF_THE_FILE_SYSTEM);
    }

    /** {@link #from(Path, Path, Clock, Instant, Consumer)}, the old store's second name made by {@code links}. */
    static Result from(Path backup, Path store, Clock clock, Instant floor, Consumer<StoreSwap.Step> steps,
            StoreSwap.HardLink links) {
        Path file = store.toAbsolutePath();
        if (!Files.isRegularFile(backup)) {
            throw new StoreException("backup " + backup + " is not a file; nothing changed", null);
        }
        StoreHealth health = StoreCheck.inspect(backup);
        String unsound = health instanceof StoreHealth.Damaged d ? "damaged: " + d.found()
                : health instanceof StoreHealth.Unreadable u ? "it cannot be read: " + u.why()
                : health instanceof StoreHealth.Absent ? "it is not there" : null;
        if (unsound != null) {
            throw new StoreException("backup " + backup + " is not a sound store (" + unsound + "); nothing changed",
                    null);
        }
        Path dir = file.getParent();
        Path restoring = file.resolveSibling(file.getFileName() + ".restoring");
        try {
            Directories.create(dir);
        } catch (IOException e) {
            throw new StoreException("cannot make the store's directory " + dir + ": " + e.getMessage(), e);
        }
        try (StoreLock lock = StoreLock.take(file, new StoreLock.Refusal("stop it first (systemctl stop orderly);"
                + " nothing changed", "restore again once that has ended; nothing changed"))) {
            for (String suffix : List.of("", "-wal", "-shm", "-journal")) {
                Files.deleteIfExists(restoring.resolveSibling(restoring.getFileName() + suffix));
            }
            int version = copy(backup, restoring);
            long sessionsFrom = Math.max(StoreSalvage.seed(backup, clock, floor), StoreSalvage.seed(file, clock, floor));
            renumber(restoring, sessionsFrom, clock);
            ownLike(Files.exists(file) ? file : dir, restoring, Files.exists(file));
            Optional<Path> replaced = StoreSwap.replace(file, restoring, clock.instant(), steps, links);
            // A lock file this made (a new card: no gateway ran here yet) is root's when root restores; the service's
            // user could not open it for writing, and its start would fail ("cannot lock store").
            ownLike(file, StoreLock.fileOf(file), true);
            Directories.force(dir);
            return new Result(file, backup, replaced, sessionsFrom + 1, version);
        } catch (IOException | SQLException e) {
            throw new StoreException("cannot restore " + file + " from " + backup + ": " + e.getMessage()
                    + "; the store is as it was", e);
        }
    }

    /** A whole copy of the backup (its WAL included, if one lies beside it) into {@code to}; the backup's version. */
    private static int copy(Path backup, Path to) throws SQLException {
        try (Connection from = StoreCheck.readOnly(backup); Statement s = from.createStatement()) {
            int version;
            try {
                version = Migrations.currentVersion(from);
            } catch (SQLException e) {
                throw new StoreException("backup " + backup + " is no Orderly store (" + e.getMessage()
                        + "); nothing changed", e);
            }
            int known = Migrations.ALL.get(Migrations.ALL.size() - 1).version();
            if (version > known) {
                throw new StoreException("backup " + backup + " has schema version " + version + ", newer than this"
                        + " build's (" + known + "): restore it with the Orderly that made it; nothing changed", null);
            }
            s.execute("VACUUM INTO '" + to.toString().replace("'", "''") + "'");
            return version;
        }
    }

    /**
     * Brought up to this build's schema (as the next start would), its message numbers to begin again, marked as a
     * restored store's so that the event saying where they begin says why ({@code restored}, migration 12), and its
     * session numbers from {@code sessionsFrom}.
     */
    private static void renumber(Path restoring, long sessionsFrom, Clock clock) throws SQLException {
        try (Connection c = new Database(restoring).open(SynchronousMode.FULL)) {
            Migrations.apply(c, clock);
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE upstream_seq SET seq = 0, restored = 1 WHERE id = 1");
            }
            SessionSeqTable.advance(c, sessionsFrom);
            c.commit();
            c.setAutoCommit(true);
            // One file, its WAL taken in: renamed into the store's place alone, it is the whole store.
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode = DELETE");
            }
        }
    }

    /**
     * The restored file owned as the store it replaces (or, with none, as its directory, readable by its group only),
     * so that the service's user can write it when root restores it.
     */
    private static void ownLike(Path model, Path file, boolean modes) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view == null) {
            return;
        }
        PosixFileAttributes like = Files.readAttributes(model, PosixFileAttributes.class);
        view.setPermissions(modes ? like.permissions() : PosixFilePermissions.fromString("rw-r-----"));
        PosixFileAttributes now = view.readAttributes();
        if (!now.owner().equals(like.owner())) {
            view.setOwner(like.owner());
        }
        if (!now.group().equals(like.group())) {
            view.setGroup(like.group());
        }
    }
}
