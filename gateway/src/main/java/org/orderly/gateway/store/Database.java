package org.orderly.gateway.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.orderly.gateway.files.Directories;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConfig.SynchronousMode;
import org.sqlite.SQLiteConfig.TransactionMode;

/**
 * Opens connections to the store's SQLite file: WAL journal, foreign keys on, a busy timeout so a reader and the
 * writer do not fail on each other's locks, and the {@code synchronous} setting each connection's use calls for
 * (docs/operations.md, "The store"): FULL where it commits what a power cut must not take, since in WAL mode NORMAL
 * syncs only at checkpoints, so a power cut can lose every commit since the last one (never corrupt the file).
 *
 * <p>It keeps the connections it opened, so that a store found damaged while running can be moved aside under them
 * ({@link #swap}): every one is closed before the file is renamed, since SQLite deletes a WAL by its name when the
 * last connection to a database closes, and one left on the renamed file would delete the fresh store's.
 */
public final class Database {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    /**
     * How long a connection to the store waits for a lock another holds before SQLite says SQLITE_BUSY: the longest one
     * statement waits, and what the stop's waits are made of (docs/operations.md, "The stop budget").
     */
    public static final Duration BUSY_TIMEOUT = Duration.ofSeconds(5);

    private final Path file;
    /** What SQLite said when a write first failed because the file is damaged; null while none has. */
    private final AtomicReference<String> damage = new AtomicReference<>();
    /** Read: a connection opened or in use ({@link #use}); write: the file being swapped ({@link #swap}). */
    private final ReentrantReadWriteLock files = new ReentrantReadWriteLock();
    private final Set<Connection> opened = ConcurrentHashMap.newKeySet();
    /** How many times the file was swapped for a fresh one while running. */
    private volatile long generation;
    /** Told when the file is first found damaged (a move aside while running); none until one is set. */
    private volatile Consumer<String> whenDamaged;
    /** A move aside is due: the writers keep the writes that fail on the damaged file for the fresh one. */
    private volatile boolean movingAside;
    /** Run once at the start of the next open, before the file is held: where a test puts a swap. */
    private volatile Runnable beforeNextOpen;

    public Database(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** A connection for queries (and tools and tests): NORMAL, which does not matter where nothing is committed. */
    public Connection open() {
        return open(SynchronousMode.NORMAL);
    }

    /**
     * What the write-ahead log is cut back to when it starts over ({@code journal_size_limit}): it grows while a reader
     * holds an old snapshot (the full check reads every page for tens of seconds on an SD card) and would otherwise
     * keep its largest size for good. Twice SQLite's checkpoint at 1000 pages of 4 KiB, so a log that grows as usual is
     * not cut and grown again at every start-over.
     */
    static final long WAL_SIZE_LIMIT_BYTES = 8L * 1024 * 1024;

    /** A connection with {@code sync} whose transactions begin DEFERRED (see the method below). */
    public Connection open(SynchronousMode sync) {
        return open(sync, TransactionMode.DEFERRED);
    }

    /**
     * A new connection with the store's pragmas and {@code sync}: FULL (the WAL synced at each commit) for a connection
     * that commits what a power cut must not take, NORMAL for one that does not. Its transactions begin as
     * {@code transactions} says: IMMEDIATE (the write lock taken at BEGIN) for a writer that reads what another
     * connection writes and then writes on what it read, since in WAL a transaction that read before another
     * connection's commit cannot write after it. The caller closes it.
     *
     * <p>Creates the parent directory, forced into its parent: on first run a power cut could otherwise take the
     * directory and the store with it. A database file this call made is forced into the directory too: SQLite does
     * that for its journal and WAL files but not for the database file itself, which a power cut on first run could
     * otherwise take.
     */
    public Connection open(SynchronousMode sync, TransactionMode transactions) {
        return opened(sync, transactions).connection();
    }

    /** A connection and the {@link #generation} of the file it is on, both taken while the file is held in place. */
    record Opened(Connection connection, long generation) {
    }

    /**
     * As {@link #open(SynchronousMode, TransactionMode)}, with the generation read while the file is held: read before
     * (or after) the open, a swap between the two would tag a connection on the fresh file with the old generation
     * (its next use opens another, and leaves this one open until the next swap).
     */
    Opened opened(SynchronousMode sync, TransactionMode transactions) {
        Runnable before = beforeNextOpen;
        if (before != null) {
            beforeNextOpen = null;
            before.run();
        }
        Connection c = null;
        files.readLock().lock();
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Directories.create(parent);
            }
            boolean made = !Files.exists(file);
            SQLiteConfig config = new SQLiteConfig();
            config.setTransactionMode(transactions);
            c = DriverManager.getConnection("jdbc:sqlite:" + file, config.toProperties());
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT.toMillis());
                s.execute("PRAGMA journal_mode = WAL");
                s.execute("PRAGMA journal_size_limit = " + WAL_SIZE_LIMIT_BYTES);
                s.execute("PRAGMA synchronous = " + sync.getValue());
                s.execute("PRAGMA foreign_keys = ON");
            }
            if (made && parent != null) {
                Directories.force(parent);
            }
            opened.removeIf(Database::isClosed);
            opened.add(c);
            return new Opened(c, generation);
        } catch (SQLException | IOException e) {
            StoreException failed = new StoreException(FullDisk.failure("cannot open store", file, e), e);
            if (c != null) {
                try {
                    c.close();
                } catch (SQLException closing) {
                    failed.addSuppressed(closing);
                }
            }
            throw failed;
        } finally {
            files.readLock().unlock();
        }
    }

    /** Held while a connection of this file is used for one transaction or query: a {@link #swap} waits for it. */
    public interface Use extends AutoCloseable {
        @Override
        void close();
    }

    /** Holds the file in place (no {@link #swap} begins) until the returned use is closed, on the same thread. */
    public Use use() {
        files.readLock().lock();
        return files.readLock()::unlock;
    }

    /**
     * Runs {@code whileClosed} (moving the file aside and making a fresh one) with every connection this database
     * opened closed, after the uses under way have ended and with new ones and new connections waiting; those that
     * follow the file ({@link StoreConnection}) open a new connection at their next use. A swap that made a fresh
     * file forgets the damage said of the old one; one that failed ({@code whileClosed} threw) leaves it said. Never
     * from a thread that holds a {@link #use}.
     */
    public <T> T swap(Supplier<T> whileClosed) {
        files.writeLock().lock();
        try {
            int closed = 0;
            for (Connection c : opened) {
                if (!isClosed(c)) {
                    closed++;
                    try {
                        c.close();
                    } catch (SQLException e) {
                        LOG.warn("store {}: a connection could not be closed before the move aside: {}", file,
                                e.getMessage());
                    }
                }
            }
            opened.clear();
            LOG.debug("store {}: {} connections closed for the swap", file, closed);
            T made = whileClosed.get();
            damage.set(null);
            return made;
        } finally {
            generation++;
            files.writeLock().unlock();
        }
    }

    /** Runs {@code r} once, at the start of the next open, before the file is held (for tests: a swap there). */
    void beforeNextOpen(Runnable r) {
        beforeNextOpen = r;
    }

    /**
     * Whether a thread waits for the file (a {@link #swap} waiting for the uses and opens under way to end, or a use
     * waiting behind a swap): for tests, which make sure no other thread uses the file meanwhile.
     */
    boolean swapWaiting() {
        return files.hasQueuedThreads();
    }

    /** The connections this database opened that are still open (for tests). */
    long openConnections() {
        return opened.stream().filter(c -> !isClosed(c)).count();
    }

    /** Changes with each {@link #swap}: a connection opened before another generation is closed. */
    public long generation() {
        return generation;
    }

    /**
     * Tells {@code r} the first time the file is found damaged from now on ({@link #damaged(String, Instant)}), and now
     * if it has been already. {@code r} must not wait: it is told on writer threads.
     */
    void whenDamaged(Consumer<String> r) {
        whenDamaged = r;
        damage().ifPresent(r);
    }

    /** Whether a move aside of the damaged file is due: a write failing on it is kept for the fresh file. */
    public boolean movingAside() {
        return movingAside;
    }

    void movingAside(boolean due) {
        movingAside = due;
    }

    private static boolean isClosed(Connection c) {
        try {
            return c.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }

    /**
     * A write to this file failed because SQLite finds it damaged (SQLITE_CORRUPT, SQLITE_NOTADB): see
     * {@link #damaged(String, Instant)}.
     */
    public void damaged(SQLException e, Instant at) {
        damaged("a write failed with '" + e.getMessage() + "'", at);
    }

    /**
     * A read of {@code what} failed with {@code e}: when SQLite says in it that the file is damaged, as
     * {@link #damaged(String, Instant)} (a read of history at start that fails this way leaves the mark as a failing
     * write does, docs/operations.md, "A damaged store"). True when it was damage.
     */
    public boolean damagedRead(String what, Throwable e, Instant at) {
        if (!StoreCheck.isDamage(e)) {
            return false;
        }
        damaged("reading " + what + " failed with '" + e.getMessage() + "'", at);
        return true;
    }

    /**
     * SQLite finds this file damaged ({@code how}: a write failed, or the background check found it): the first time,
     * one ERROR says so and what follows, and a mark is left beside the file ({@link StoreCheck#mark}) so that the next
     * start moves it aside even where its cheap check would pass. The gateway is not stopped for it: the piles are
     * controlled from what the meters and piles say now, not from the store. Later damage is only counted by the
     * writers. False when it had already been said. Any thread.
     */
    public boolean damaged(String how, Instant at) {
        if (!damage.compareAndSet(null, how)) {
            return false;
        }
        Consumer<String> told = whenDamaged;
        if (told != null) {
            LOG.error("store {} is damaged: {}. The gateway goes on controlling the piles, moves the store aside now and"
                    + " makes a fresh one, as a start does; what it records meanwhile is kept for the fresh store."
                    + " Installer: check the SD card (docs/operations.md, \"A damaged store\")", file, how);
        } else {
            LOG.error("store {} is damaged: {}. The gateway goes on controlling the piles; what it records (readings,"
                    + " sessions, events, messages upstream) may be given up write by write until it restarts, and the"
                    + " next start moves the store aside and makes a fresh one. Installer: restart the gateway"
                    + " (systemctl restart orderly), then check the SD card (docs/operations.md, \"A damaged store\")",
                    file, how);
        }
        Path mark = StoreCheck.mark(file);
        try {
            Files.writeString(mark, at + " " + how + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException notMarked) {
            LOG.error("store {}: the mark {} could not be written ({}); the next start moves the store aside only if its"
                    + " check finds the damage", file, mark, notMarked.getMessage());
        }
        if (told != null) {
            told.accept(how);
        }
        return true;
    }

    /** What was said when SQLite first found the file damaged, since start; empty while it has not. */
    public Optional<String> damage() {
        return Optional.ofNullable(damage.get());
    }

    /** The {@code synchronous} setting in force on {@code c}: OFF, NORMAL, FULL or EXTRA. */
    public static String synchronous(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA synchronous")) {
            int level = r.next() ? r.getInt(1) : -1;
            return switch (level) {
                case 0 -> "OFF";
                case 1 -> "NORMAL";
                case 2 -> "FULL";
                case 3 -> "EXTRA";
                default -> "unknown (" + level + ")";
            };
        }
    }

    /** The journal mode in force on {@code c} ("wal" when all is well). */
    public static String journalMode(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA journal_mode")) {
            return r.next() ? r.getString(1) : "";
        }
    }
}
