package org.orderly.gateway.store;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's full check, after the start and then every {@code every} (docs/operations.md, "A damaged store"):
 * {@code PRAGMA quick_check} on a read-only connection of its own, on one low-priority daemon thread. It reads every
 * page (28 s from the disk for a 517 MB store, docs/benchmarks.md), so it is never run before the piles are controlled.
 * As a WAL reader it takes no lock the writer waits for; its read transaction only keeps the WAL from being restarted
 * while it runs, so the WAL grows by what is written meanwhile (measured in docs/benchmarks.md). Damage found is said
 * once ({@link Database#damaged(String, java.time.Instant)}: one ERROR, the mark that has the next start move the store
 * aside, the STORE_DAMAGED alarm) and handed to {@code said} as a {@link #EVENT} event.
 */
public final class StoreWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StoreWatch.class);
    /** The kind of the event said when the background check finds the store damaged. */
    public static final String EVENT = EventKind.STORE_DAMAGED.code();

    private final Database database;
    private final Clock clock;
    private final Consumer<StoreEvent> said;
    private final ScheduledExecutorService thread;
    private final AtomicLong checks = new AtomicLong();
    private volatile boolean closing;
    /** Run on the check's thread once its connection is open, before its query (a test's stop, there). */
    private volatile Runnable beforeQuery = () -> { };
    /** What the last check found, the one the stop ended included; null before the first. */
    private volatile StoreHealth lastFound;

    private StoreWatch(Database database, Clock clock, Consumer<StoreEvent> said) {
        this.database = database;
        this.clock = clock;
        this.said = said;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "orderly-store-check");
            t.setDaemon(true);
            // A hint only: Linux ignores Java's priorities unless the JVM is told otherwise; the check is one reader.
            t.setPriority(Thread.MIN_PRIORITY);
            return t;
        });
    }

    /**
     * Checks the store now, in the background, and then every {@code every}.
     *
     * @param said given the {@link #EVENT} event when damage is found (the store's events, the upstream link); it must
     *             not wait
     */
    public static StoreWatch start(Database database, Clock clock, Duration every, Consumer<StoreEvent> said) {
        return start(database, clock, every, said, () -> { });
    }

    /** As {@link #start(Database, Clock, Duration, Consumer)}, {@code beforeQuery} run in each check before its query. */
    static StoreWatch start(Database database, Clock clock, Duration every, Consumer<StoreEvent> said, Runnable beforeQuery) {
        StoreWatch watch = new StoreWatch(database, clock, said);
        watch.beforeQuery = beforeQuery;
        watch.thread.scheduleWithFixedDelay(watch::check, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        return watch;
    }

    /** What the last check found, one the stop ended included (as unreadable: interrupted); null before the first. */
    StoreHealth lastFound() {
        return lastFound;
    }

    /** Full checks finished (whatever they found), since start. */
    public long checks() {
        return checks.get();
    }

    private void check() {
        if (database.damage().isPresent()) {
            return; // said already; the next start moves the store aside
        }
        long began = System.nanoTime();
        long generation = database.generation();
        StoreHealth health = StoreCheck.quickCheck(database.file(), () -> closing, beforeQuery);
        lastFound = health;
        if (closing) {
            // Interrupted by the stop (or ended as it came): what it says is not about the file.
            LOG.info("store {}: its check ended by the stop after {} s", database.file(),
                    TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - began));
            return;
        }
        if (generation != database.generation()) {
            return; // it read a file moved aside meanwhile: what it says is not about the fresh one
        }
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - began);
        if (health instanceof StoreHealth.Damaged d) {
            if (database.damaged("its check found " + d.found(), clock.instant())) {
                try {
                    said.accept(StoreEvent.of(clock.instant(), EventKind.STORE_DAMAGED, database.file().toString(),
                            "store " + database.file() + " is damaged (" + d.found() + "); the next start moves it"
                            + " aside and makes a fresh store", "file", database.file(), "found", d.found()));
                } catch (RuntimeException e) {
                    LOG.warn("store {}: its damage could not be recorded as an event: {}", database.file(), e.toString());
                }
            }
        } else if (health instanceof StoreHealth.Unreadable u) {
            LOG.warn("store {}: its background check could not run ({}); it is tried again at the next check",
                    database.file(), u.why());
        } else {
            LOG.info("store {}: {} ({} s, in the background)", database.file(), health.describe(), seconds);
        }
        checks.incrementAndGet();
    }

    /**
     * How long the stop waits for the check's thread: the check ends within a thousand of its steps of the stop (its
     * progress handler, {@link StoreCheck#quickCheck}), but not while its connection is being opened, which may wait
     * SQLite's busy timeout for the file; a second more for the thread to end.
     */
    static final Duration STOP_WAIT = Database.BUSY_TIMEOUT.plusSeconds(1);

    /** Ends a check that is running (its progress handler sees the stop) and stops the thread. */
    @Override
    public void close() {
        closing = true;
        thread.shutdownNow();
        try {
            if (!thread.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("store {}: its check did not stop within {} s; left to end on its daemon thread",
                        database.file(), STOP_WAIT.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
