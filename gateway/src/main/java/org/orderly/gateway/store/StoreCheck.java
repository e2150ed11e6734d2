package org.orderly.gateway.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.orderly.gateway.files.Directories;
import org.orderly.text.TextFile;
import org.orderly.text.TextFileException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.ProgressHandler;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteException;

/**
 * The store's check at start (docs/operations.md, "A damaged store"): what opening the store reads, on a read-only
 * connection, which changes nothing in the file (the full {@code PRAGMA quick_check} runs after the start, in the
 * background: {@link StoreWatch}); a store SQLite finds damaged (not a database, malformed header or schema, or a mark
 * a running gateway left when a write failed as damaged or its background check found damage) is moved aside whole, the
 * file with its {@code -wal} and {@code -shm} renamed with the time ({@code orderly.db.damaged-20261201T131500Z},
 * nothing deleted), and a fresh store is made with what {@link StoreSalvage} can still read of it. A store that cannot
 * be checked for another reason (permissions, an I/O error) is left as it is: moving it would not help.
 */
public final class StoreCheck {
    private static final Logger LOG = LoggerFactory.getLogger(StoreCheck.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    /** SQLite's files beside the store, moved with it under the same suffixes so that sqlite3 opens them together. */
    private static final List<String> SIDE_FILES = List.of("-wal", "-shm");
    private static final int SQLITE_CORRUPT = 11;
    private static final int SQLITE_NOTADB = 26;

    private StoreCheck() {
    }

    /**
     * What the file is, by its full check ({@code PRAGMA quick_check}, which reads every page: 28 s from the disk for a
     * 517 MB store, docs/benchmarks.md), without changing it (read-only: no checkpoint, no WAL replay into the file).
     * For {@code orderly selftest}; the gateway runs it in the background ({@link StoreWatch}), never before its start.
     */
    public static StoreHealth inspect(Path file) {
        if (!Files.exists(file)) {
            return new StoreHealth.Absent();
        }
        String marked = marked(file);
        StoreHealth health = quickCheck(file, () -> false, () -> { });
        if (health instanceof StoreHealth.Sound || health instanceof StoreHealth.Unreadable) {
            return marked == null ? health : new StoreHealth.Damaged(marked);
        }
        return health;
    }

    /**
     * What the start can afford to look at (docs/operations.md, "A damaged store"): the mark a running gateway left,
     * and what opening the store reads, on a read-only connection: the file's header and schema (where a file that is
     * not a database, or is cut short or overwritten at its start, shows as SQLITE_NOTADB or SQLITE_CORRUPT), the
     * schema version and the two number sequences. A few pages, whatever the file's size; damage elsewhere is for
     * {@link StoreWatch}.
     */
    public static StoreHealth atOpening(Path file) {
        if (!Files.exists(file)) {
            return new StoreHealth.Absent();
        }
        String marked = marked(file);
        if (marked != null) {
            return new StoreHealth.Damaged(marked);
        }
        try (Connection c = readOnly(file); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet r = s.executeQuery("SELECT type, name, sql FROM sqlite_master")) {
                while (r.next()) {
                    if ("table".equals(r.getString(1))) {
                        tables.add(r.getString(2));
                    }
                }
            }
            for (String read : List.of("SELECT MAX(version) FROM schema_version", "SELECT seq FROM session_seq",
                    "SELECT seq FROM upstream_seq")) {
                String table = read.substring(read.lastIndexOf(' ') + 1);
                if (tables.contains(table)) {
                    try (ResultSet r = s.executeQuery(read)) {
                        while (r.next()) {
                            r.getLong(1);
                        }
                    }
                }
            }
            return new StoreHealth.Sound();
        } catch (SQLException e) {
            return isDamage(e) ? new StoreHealth.Damaged(e.getMessage()) : new StoreHealth.Unreadable(e.getMessage());
        }
    }

    /**
     * {@code PRAGMA quick_check} on a read-only connection of its own, the mark not looked at; it gives up (as
     * {@link StoreHealth.Unreadable}, SQLITE_INTERRUPT) as soon as {@code stop} says so, wherever it is: SQLite asks a
     * progress handler every {@link #PROGRESS_STEPS} steps of the check, and one that answers non-zero ends it. A
     * {@link Statement#cancel} (SQLite's interrupt) is not enough: one that comes before the query's first step is
     * cleared by that step, and the check reads on to its end. {@code beforeQuery} runs once the connection is open.
     */
    static StoreHealth quickCheck(Path file, BooleanSupplier stop, Runnable beforeQuery) {
        try (Connection c = readOnly(file); Statement s = c.createStatement()) {
            ProgressHandler.setHandler(c, PROGRESS_STEPS, new ProgressHandler() {
                @Override
                protected int progress() {
                    return stop.getAsBoolean() ? 1 : 0;
                }
            });
            beforeQuery.run();
            List<String> found = new ArrayList<>();
            try (ResultSet r = s.executeQuery("PRAGMA quick_check(5)")) {
                while (r.next()) {
                    found.add(r.getString(1));
                }
            }
            if (!found.equals(List.of("ok"))) {
                // Its first finding starts with "*** in database main ***" and a line break: one line for the log.
                return new StoreHealth.Damaged("quick_check: " + String.join("; ", found).replaceAll("\\s*\n\\s*", " "));
            }
            return new StoreHealth.Sound();
        } catch (SQLException e) {
            return isDamage(e) ? new StoreHealth.Damaged(e.getMessage()) : new StoreHealth.Unreadable(e.getMessage());
        }
    }

    /**
     * How often (in the check's steps) the progress handler asks whether to go on: 20,071 times in a check of a 290 MB
     * store that took 1.4 s, its cost not measurable beside the reads.
     */
    private static final int PROGRESS_STEPS = 1000;

    /**
     * Checks the store file as cheaply as the start allows ({@link #atOpening}); a damaged one is moved aside and a
     * fresh one made in its place with what could be read ({@link #moveAside}). A store an older build's stopped
     * restore left aside, and no store at the path, is first put back ({@link OlderRestoreLeftover}), as are the side
     * files such a restore took from a store it left at the path ({@link OlderRestoreSideFiles}).
     *
     * @param floor the earliest the clock can be (this build's time): numbers that cannot be read start above it
     */
    public static Optional<StoreDamage> atStart(Path file, Clock clock, Instant floor) {
        // Before the check: the store put back is checked as any other (its damage mark put back with it).
        OlderRestoreLeftover.putBack(file);
        OlderRestoreSideFiles.putBack(file);
        StoreHealth health = atOpening(file);
        if (health instanceof StoreHealth.Unreadable u) {
            LOG.warn("store {} could not be checked ({}); opening it as it is", file, u.why());
        }
        if (!(health instanceof StoreHealth.Damaged damaged)) {
            return Optional.empty();
        }
        return Optional.of(moveAside(file, damaged.found(), clock, floor));
    }

    /**
     * Moves the damaged store {@code file} ({@code found}: what was found) aside whole and makes a fresh one in its
     * place with what {@link StoreSalvage} can still read of it, the move recorded in it as a {@link StoreDamage#EVENT}
     * event and logged as one ERROR line: at start, and by a running gateway once no connection is open on the file
     * ({@link Database#swap}). A fresh store that cannot be made (a full disk) is removed and the damaged one put back
     * where it was, so that nothing is left half made; the exception says why.
     *
     * @param floor the earliest the clock can be (this build's time): numbers that cannot be read start above it
     */
    public static StoreDamage moveAside(Path file, String found, Clock clock, Instant floor) {
        Instant now = clock.instant();
        Path aside = moveAside(file, now);
        StoreSalvage.Result salvage;
        StoreEvent event;
        String line;
        try {
            salvage = StoreSalvage.into(file, aside, clock, floor);
            line = "store " + file + " was damaged (" + found + "); moved aside to " + aside
                    + " (with its -wal and -shm) and a fresh store made; the gateway goes on controlling the piles."
                    + " Salvaged: " + (salvage.salvaged().isEmpty() ? "nothing" : String.join(", ", salvage.salvaged()))
                    + (salvage.lost().isEmpty() ? "; lost: nothing that matters"
                            : "; lost" + (found.equals(salvage.why()) ? "" : " (" + salvage.why() + ")") + ": "
                                    + String.join(", ", salvage.lost()))
                    + "; readings, plans and events stay in the damaged file. Installer: copy the damaged file off for"
                    + " the supplier, then delete it; check the SD card and the power supply, and replace the card if"
                    + " this happens again (docs/operations.md, \"A damaged store\")";
            event = StoreEvent.of(now, EventKind.STORE_MOVED_ASIDE, aside.toString(), line, "file", file, "aside",
                    aside, "found", found);
            StoreSalvage.record(file, event);
        } catch (StoreException e) {
            putBack(file, aside, e);
            throw e;
        }
        LOG.error("{}", line);
        return new StoreDamage(file, found, aside, salvage.salvaged(), salvage.lost(), event, salvage.firstSeq());
    }

    /** Removes the fresh store that could not be made and renames the damaged one's files back ({@code failed} told). */
    private static void putBack(Path file, Path aside, StoreException failed) {
        try {
            for (String suffix : SIDE_FILES) {
                Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
            }
            Files.deleteIfExists(file);
            for (String suffix : SIDE_FILES) {
                move(aside.resolveSibling(aside.getFileName() + suffix), file.resolveSibling(file.getFileName() + suffix));
            }
            move(aside.resolveSibling(aside.getFileName() + "-mark"), mark(file));
            move(aside, file);
        } catch (IOException e) {
            failed.addSuppressed(e);
            LOG.error("store {}: the fresh store could not be made, and the damaged one could not be put back from {}"
                    + " ({})", file, aside, e.getMessage());
        }
    }

    /** The file a running gateway leaves beside its store once SQLite has said the store is damaged. */
    public static Path mark(Path file) {
        return file.resolveSibling(file.getFileName() + ".damaged-mark");
    }

    /** Whether SQLite said so of the file, in {@code e} or any of its causes: see {@link #isDamage(SQLException)}. */
    public static boolean isDamage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException s && isDamage(s)) {
                return true;
            }
        }
        return false;
    }

    /** Whether SQLite said the file is damaged: SQLITE_CORRUPT or SQLITE_NOTADB, with any extended code. */
    static boolean isDamage(SQLException e) {
        if (!(e instanceof SQLiteException s)) {
            return false;
        }
        int primary = s.getResultCode().code & 0xff;
        return primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB;
    }

    /** What the mark beside the store says, or null when there is none (or it cannot be read). */
    private static String marked(Path file) {
        Path mark = mark(file);
        try {
            // A link that loops or dangles is a mark too, said as TextFile says it.
            Optional<String> kept = TextFile.ifThere(mark);
            if (kept.isEmpty()) {
                return null;
            }
            String text = kept.get().strip();
            int eol = text.indexOf('\n');
            return "the running gateway found it damaged: " + (eol < 0 ? text : text.substring(0, eol));
        } catch (TextFileException e) {
            // A mark cut short by a power cut (zeros where the text was to be) still marks the store.
            return "the running gateway found it damaged (its mark " + e.getMessage() + ")";
        }
    }

    static Connection readOnly(Path file) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout((int) Database.BUSY_TIMEOUT.toMillis());
        return DriverManager.getConnection("jdbc:sqlite:" + file, config.toProperties());
    }

    /**
     * Renames the store's files to {@code NAME.damaged-STAMP} (and its {@code -wal}, {@code -shm}, {@code -mark}), side
     * files first: a store file left without its WAL by a power cut in between is checked again at the next start, but
     * a WAL left without its store would be taken into the fresh one. Never replaces a file.
     */
    private static Path moveAside(Path file, Instant now) {
        return moveAside(file, now, "damaged", "is damaged and could not be moved aside");
    }

    /**
     * Renames the store's files to {@code NAME.KIND-STAMP}, as {@link #moveAside(Path, Instant)} does for a damaged
     * one; {@code failed} says what could not be done in the exception's words.
     */
    static Path moveAside(Path file, Instant now, String kind, String failed) {
        Path aside = asideName(file, now, kind);
        try {
            moveSideFilesAside(file, aside);
            move(file, aside);
            Directories.force(file.toAbsolutePath().getParent());
            return aside;
        } catch (IOException e) {
            throw new StoreException("store " + file + " " + failed + " to " + aside + ": " + e.getMessage(), e);
        }
    }

    /**
     * {@code NAME.KIND-STAMP} beside {@code file}, with a {@code -2}, {@code -3}.. where an earlier move within the same
     * second left one of that name (or of its side files): a rename would replace it.
     */
    static Path asideName(Path file, Instant now, String kind) {
        String base = file.getFileName() + "." + kind + "-" + STAMP.format(now);
        for (int n = 1; ; n++) {
            Path aside = file.resolveSibling(n == 1 ? base : base + "-" + n);
            List<Path> targets = new ArrayList<>(List.of(aside, aside.resolveSibling(aside.getFileName() + "-mark")));
            SIDE_FILES.forEach(suffix -> targets.add(aside.resolveSibling(aside.getFileName() + suffix)));
            if (targets.stream().noneMatch(StoreCheck::there)) {
                return aside;
            }
        }
    }

    /** Renames the store's {@code -wal}, {@code -shm} and damage mark, those there, to {@code aside}'s. */
    private static void moveSideFilesAside(Path file, Path aside) throws IOException {
        moveSqliteFilesAside(file, aside);
        move(mark(file), aside.resolveSibling(aside.getFileName() + "-mark"));
    }

    /** Renames the store's {@code -wal} and {@code -shm}, those there, to {@code aside}'s. */
    static void moveSqliteFilesAside(Path file, Path aside) throws IOException {
        for (String suffix : SIDE_FILES) {
            move(file.resolveSibling(file.getFileName() + suffix), aside.resolveSibling(aside.getFileName() + suffix));
        }
    }

    private static void move(Path from, Path to) throws IOException {
        if (there(from)) {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /**
     * Whether anything is at {@code path}, a link that dangles or loops included: such a mark left beside the fresh
     * store would mark it damaged at every start.
     */
    private static boolean there(Path path) {
        return Files.exists(path, LinkOption.NOFOLLOW_LINKS);
    }
}
