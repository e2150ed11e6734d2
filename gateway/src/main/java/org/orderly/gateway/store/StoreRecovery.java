package org.orderly.gateway.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves the store aside while the gateway runs, once SQLite has found it damaged (docs/operations.md, "A damaged
 * store"): on a thread of its own, with every connection of the store closed meanwhile ({@link Database#swap}), the
 * same way as the start does ({@link StoreCheck#moveAside}); the writers keep what fails on the damaged file and write
 * it to the fresh one. A move that fails (a directory that takes no rename, a full disk) is said once and tried again
 * after {@code firstRetry}, doubling up to an hour; meanwhile the writers give up what fails, as without this. A fresh
 * store found damaged again is moved aside no sooner than {@code firstRetry} after the last move, twice that after the
 * next one within the hour, and so on up to an hour, so a disk that damages every store does not have the gateway copy
 * stores in a loop.
 */
final class StoreRecovery implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StoreRecovery.class);
    private static final Duration MAX_WAIT = Duration.ofHours(1);

    private final Database database;
    private final Clock clock;
    private final Instant floor;
    private final Duration firstRetry;
    private final Consumer<StoreDamage> moved;
    private final ScheduledThreadPoolExecutor thread;
    /** Recovery thread only, but for the first two, read when damage is said. */
    private volatile boolean scheduled;
    private volatile long notBeforeNanos = System.nanoTime();
    private Duration wait;
    private volatile long failures;
    private volatile long lastMoveNanos;
    private boolean movedOnce;

    StoreRecovery(Database database, Clock clock, Instant floor, Duration firstRetry, Consumer<StoreDamage> moved) {
        this.database = database;
        this.clock = clock;
        // The clock's floor may be "none" (Instant.MIN), which has no milliseconds: the salvage's numbers start above
        // it.
        this.floor = floor.isBefore(Instant.EPOCH) ? Instant.EPOCH : floor;
        this.firstRetry = firstRetry;
        this.wait = firstRetry;
        this.moved = moved;
        this.thread = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "orderly-store-recovery");
            t.setDaemon(true);
            return t;
        });
        // A try an hour away is not waited for at a stop.
        thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        database.whenDamaged(this::damaged);
    }

    /** The store was found damaged ({@code how}): a move aside is scheduled, now or once the back-off is over. */
    private synchronized void damaged(String how) {
        if (scheduled || thread.isShutdown()) {
            return;
        }
        scheduled = true;
        long delay = Math.max(0, notBeforeNanos - System.nanoTime());
        if (delay == 0) {
            // Writes failing from now on are kept for the fresh store.
            database.movingAside(true);
        } else if (failures == 0) {
            LOG.error("store {} is damaged again {} s after it was moved aside ({}); the next move aside is in {} s,"
                    + " writes that fail meanwhile are given up", database.file(),
                    TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - lastMoveNanos), how,
                    TimeUnit.NANOSECONDS.toSeconds(delay));
        }
        try {
            thread.schedule(this::moveAside, delay, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException stopping) {
            // The store is closing: the next start moves it aside, by its mark.
            database.movingAside(false);
        }
    }

    private void moveAside() {
        database.movingAside(true);
        String found = database.damage().orElse(null);
        try {
            if (found == null) {
                return;
            }
            StoreDamage d = database.swap(() -> StoreCheck.moveAside(database.file(),
                    "the running gateway found it damaged: " + found, clock, floor));
            failures = 0;
            // A fresh store damaged again soon after is not moved at once: the back-off grows with each such move.
            boolean soon = movedOnce && System.nanoTime() - lastMoveNanos < MAX_WAIT.toNanos();
            wait = soon ? min(wait.multipliedBy(2), MAX_WAIT) : firstRetry;
            movedOnce = true;
            lastMoveNanos = System.nanoTime();
            notBeforeNanos = lastMoveNanos + wait.toNanos();
            tell(d);
        } catch (RuntimeException e) {
            // A StoreException says why (a rename refused, a full disk); anything else is backed off from just the
            // same, so that nothing loops.
            failures++;
            Duration next = failures == 1 ? firstRetry : min(firstRetry.multipliedBy(1L << Math.min(20, failures - 1)),
                    MAX_WAIT);
            notBeforeNanos = System.nanoTime() + next.toNanos();
            if (failures == 1) {
                LOG.error("store {} is damaged and could not be moved aside while running ({}); writes that fail on it are"
                        + " given up meanwhile. Tried again in {} s, then less often, up to every {} min (later failures"
                        + " are counted, not logged); the next start moves it aside too. Installer: see that the store's"
                        + " directory is writable and the disk not full (docs/operations.md, \"A damaged store\")",
                        database.file(), e.getMessage(), next.toSeconds(), MAX_WAIT.toMinutes());
            } else {
                LOG.debug("store {}: move aside failed again ({} times): {}", database.file(), failures, e.getMessage());
            }
        } finally {
            database.movingAside(false);
            synchronized (this) {
                scheduled = false;
            }
            // Still damaged after a failed move: tried again once the back-off is over.
            database.damage().ifPresent(this::damaged);
        }
    }

    private void tell(StoreDamage d) {
        try {
            moved.accept(d);
        } catch (RuntimeException e) {
            LOG.error("store {}: telling of the move aside failed: {}", database.file(), e.toString(), e);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Stops the thread; a move under way is finished first (within 30 s). */
    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("store {}: the move aside did not finish within 30 s", database.file());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
