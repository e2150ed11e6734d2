package org.orderly.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.testkit.Await;
import org.sqlite.SQLiteConfig.SynchronousMode;
import org.sqlite.SQLiteConfig.TransactionMode;

/**
 * A {@link StoreConnection} opened (or opened again after a move aside) while the store's file is swapped for a fresh
 * one ({@link Database#swap}) ends on the file it says it is on: no connection of its own is left open behind it until
 * the next swap. The swap runs on a thread of its own, started at the start of the connection's open (the seam between
 * the generation and the file), and is let run as far as the file lets it: to its end, or until it waits for the open.
 * Real SQLite files, moved aside by renaming as a running gateway's move aside does. A connection opened again outside
 * a lease does not deadlock with a swap waiting for a lease or use under way.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class StoreConnectionSwapTest {
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    void aSwapAsTheConnectionIsOpenedLeavesItOnTheFreshFileAndNothingBehind() throws Exception {
        Database db = new Database(dir.resolve("orderly.db"));
        marked(db);
        AtomicReference<Thread> swap = swapAtTheNextOpen(db, "aside-1");
        try (StoreConnection c = StoreConnection.open(db, SynchronousMode.NORMAL, TransactionMode.DEFERRED)) {
            swap.get().join();
            assertThat(Files.exists(dir.resolve("orderly.db.aside-1"))).as("the file moved aside").isTrue();
            try (StoreConnection.Lease lease = c.lease()) {
                assertThat(tables(lease.connection())).as("the fresh file's tables").doesNotContain("mark");
            }
            assertThat(db.openConnections()).as("connections open on the store: the one in use, none left behind")
                    .isEqualTo(1);
        }
        assertThat(db.openConnections()).isZero();
    }

    /** A connection that follows the file is opened again outside a lease (a reader's, for a tool) during a swap. */
    @Test
    void aSwapAsTheConnectionIsOpenedAgainLeavesNothingBehind() throws Exception {
        Database db = new Database(dir.resolve("orderly.db"));
        marked(db);
        try (StoreConnection c = StoreConnection.open(db, SynchronousMode.NORMAL, TransactionMode.DEFERRED)) {
            db.swap(() -> moveAside(db, "aside-1"));
            marked(db);
            AtomicReference<Thread> swap = swapAtTheNextOpen(db, "aside-2");
            c.current();
            swap.get().join();
            assertThat(Files.exists(dir.resolve("orderly.db.aside-2"))).as("the file moved aside again").isTrue();
            try (StoreConnection.Lease lease = c.lease()) {
                assertThat(tables(lease.connection())).doesNotContain("mark");
            }
            assertThat(db.openConnections()).as("connections open on the store: the one in use, none left behind")
                    .isEqualTo(1);
        }
        assertThat(db.openConnections()).isZero();
    }

    /**
     * A connection opened again outside a lease ({@link StoreConnection#current()}) while a swap waits for a use under
     * way, whose thread then wants the same connection: the open waits for the swap, the swap for the use, and the use
     * for the connection, unless the call outside the lease holds the file before the connection, as a lease does.
     * Forced in that order: the use is held on a thread of its own; the swap starts at the start of the open, which
     * has the connection (and, taken first, the file) by then; once the swap waits, the use's thread asks for the
     * connection. A deadlock is a hang, so the whole is bounded (generously: the bound is not a speed).
     */
    @Test
    void aConnectionOpenedAgainOutsideALeaseDoesNotDeadlockWithASwapWaitingForAUse() throws Exception {
        Database db = new Database(dir.resolve("orderly.db"));
        marked(db);
        // All of it inside the bound, the connection's close too: after a deadlock that close would wait for ever.
        assertTimeoutPreemptively(DEADLINE, () -> {
            try (StoreConnection c = StoreConnection.open(db, SynchronousMode.NORMAL, TransactionMode.DEFERRED)) {
                db.swap(() -> moveAside(db, "aside-1"));
                marked(db);
                CountDownLatch held = new CountDownLatch(1);
                CountDownLatch swapWaits = new CountDownLatch(1);
                AtomicReference<Throwable> failed = new AtomicReference<>();
                Thread user = new Thread(() -> {
                    try (Database.Use use = db.use()) {
                        held.countDown();
                        if (!swapWaits.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
                            throw new IllegalStateException("no swap waited for the use");
                        }
                        c.current();
                    } catch (Throwable t) {
                        failed.set(t);
                    }
                }, "use");
                user.setDaemon(true);
                user.start();
                assertThat(held.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)).as("the use held").isTrue();
                AtomicReference<Thread> swap = new AtomicReference<>();
                db.beforeNextOpen(() -> {
                    Thread t = new Thread(() -> db.swap(() -> moveAside(db, "aside-2")), "swap-aside-2");
                    t.setDaemon(true);
                    swap.set(t);
                    t.start();
                    try {
                        Await.until("the swap waiting for the use", DEADLINE, db::swapWaiting);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    swapWaits.countDown();
                });
                c.current();
                user.join();
                swap.get().join();
                assertThat(failed.get()).as("what the use's thread threw").isNull();
                assertThat(Files.exists(dir.resolve("orderly.db.aside-2"))).as("the file moved aside again").isTrue();
                try (StoreConnection.Lease lease = c.lease()) {
                    assertThat(tables(lease.connection())).doesNotContain("mark");
                }
            }
        });
        assertThat(db.openConnections()).isZero();
    }

    /**
     * At the start of the next open, a swap moving the file to {@code suffix}, on a thread of its own: the open goes on
     * once the swap is over, or once it waits for the open (it cannot end before the open does, then).
     */
    private static AtomicReference<Thread> swapAtTheNextOpen(Database db, String suffix) {
        AtomicReference<Thread> swap = new AtomicReference<>();
        db.beforeNextOpen(() -> {
            Thread t = new Thread(() -> db.swap(() -> moveAside(db, suffix)), "swap-" + suffix);
            swap.set(t);
            t.start();
            try {
                Await.until("the swap over or waiting for the open", DEADLINE,
                        () -> !t.isAlive() || db.swapWaiting());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return swap;
    }

    /** The store's file and what SQLite keeps beside it renamed to {@code orderly.db.SUFFIX...}. */
    private static Void moveAside(Database db, String suffix) {
        Path file = db.file();
        try {
            for (String side : List.of("", "-wal", "-shm")) {
                Path p = file.resolveSibling(file.getFileName() + side);
                if (Files.exists(p)) {
                    Files.move(p, file.resolveSibling(file.getFileName() + "." + suffix + side));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return null;
    }

    /** A table {@code mark} in the file as it is now, which a fresh file does not have. */
    private static void marked(Database db) throws SQLException {
        try (Connection c = db.open(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE mark (x INTEGER)");
        }
    }

    private static List<String> tables(Connection c) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
            while (r.next()) {
                names.add(r.getString(1));
            }
        }
        return names;
    }
}
