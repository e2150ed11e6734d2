package org.orderly.gateway.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.orderly.gateway.core.plan.Plan;
import org.orderly.gateway.core.time.ClockFloor;
import org.orderly.gateway.core.time.ClockStep;
import org.sqlite.SQLiteConfig.SynchronousMode;
import org.sqlite.SQLiteConfig.TransactionMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's store. Opening it migrates the schema, and refuses a store of a newer build's schema, writing nothing
 * to it; the record methods only queue (they return false when the queue is full, never wait), except sessions' rows
 * and session numbers, which are held apart from the queue and never dropped ({@link SessionWrites});
 * {@link #reader()} gives a separate connection for queries. Once {@link #recoverWhenDamaged} is called, a store
 * found damaged is moved aside and replaced while running.
 */
public final class Store implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Store.class);

    private final Database database;
    private final Clock clock;
    private final StoreSettings settings;
    private final StoreConnection writerConnection;
    private final MinuteDownsampler downsampler = new MinuteDownsampler();
    private final StoreWriter writer;
    /** The last session number given out; the store's {@code session_seq} catches up through the writer. */
    private final AtomicLong sessionNumber;
    private final SessionWrites sessions;
    /** The newest event's id when the store was opened: events after it are this run's. */
    private final long eventsBefore;
    private Instant nextRetention;
    /** The earliest the clock can plausibly say (docs/operations.md, "The clock"); none until {@link #clockFloor}. */
    private volatile ClockFloor floor = ClockFloor.NONE;
    /**
     * Rows were stamped below the floor (by a clock not set) and no {@link #restamp} has moved them yet: once the
     * clock is set, the retention waits for the restamp, since it would take their 1970 times for decades old.
     */
    private volatile boolean unsetStamps;
    private volatile Runnable onSessionEnded = () -> { };
    private final List<Consumer<StoreDamage>> movedAside = new CopyOnWriteArrayList<>();
    /** Set once a store found damaged while running is to be moved aside; null until then. */
    private StoreRecovery recovery;

    /** @param writerSync FULL as {@link #open} gives (the benchmark that weighs it against NORMAL gives either) */
    Store(StoreSettings settings, Clock clock, SynchronousMode writerSync) {
        this.settings = settings;
        this.clock = clock;
        this.database = new Database(settings.file());
        this.writerConnection = StoreConnection.open(database, writerSync, TransactionMode.DEFERRED);
        try (StoreConnection.Lease lease = writerConnection.lease()) {
            Connection c = lease.connection();
            int version = Migrations.apply(c, clock);
            this.sessionNumber = new AtomicLong(SessionSeqTable.last(c));
            this.eventsBefore = newestEventId(c, settings, database, clock);
            LOG.info("store {} open (schema version {}, journal {}, synchronous {})", settings.file(), version,
                    Database.journalMode(c), Database.synchronous(c));
        } catch (NewerSchemaException e) {
            writerConnection.close();
            throw new StoreException("cannot open store " + settings.file() + ": " + e.getMessage(), e);
        } catch (SQLException e) {
            writerConnection.close();
            throw new StoreException(FullDisk.failure("cannot migrate store", settings.file(), e), e);
        }
        this.nextRetention = clock.instant();
        this.sessions = new SessionWrites(sessionNumber.get(), sessionNumber::get, () -> onSessionEnded.run());
        this.writer = new StoreWriter(writerConnection, clock, settings.queueCapacity(), new Tick(),
                settings.tickEvery(), this::last, sessions::take);
        this.writer.onDamaged(e -> database.damaged(e, clock.instant()));
        // Started once assigned: the tick reaches the writer through this field, on the writer thread.
        this.writer.start();
    }

    /**
     * The events table is history, not control: a page of it the start's check did not read may be damaged
     * (docs/operations.md, "A damaged store"), and that must not stop the start. Then no event is taken as this run's.
     */
    private static long newestEventId(Connection c, StoreSettings settings, Database database, Clock clock) {
        try {
            return EventsTable.newestId(c);
        } catch (SQLException e) {
            LOG.warn("store {}: cannot read its newest event ({}); events stamped before the clock is set stay as they"
                    + " are", settings.file(), e.getMessage());
            database.damagedRead("the newest event at start", e, clock.instant());
            return Long.MAX_VALUE;
        }
    }

    /**
     * Opens the store. Its writer commits with {@code synchronous=FULL}: sessions' rows and the session numbers given
     * out must survive a power cut. Readings, plans and events ride along on the same connection: they could do with
     * NORMAL, but the writer's commits are few (docs/benchmarks.md, "Store commits") and one WAL sync covers all that
     * came before it anyway.
     */
    public static Store open(StoreSettings settings, Clock clock) {
        return new Store(settings, clock, SynchronousMode.FULL);
    }

    /**
     * The clock was set after this run recorded with it while it was not (docs/operations.md, "The clock"): the rows it
     * stamped then are moved by {@code step} ({@link ClockStepWrite}), on the writer thread after what was queued
     * before. False when the queue is full (the caller tries again).
     */
    public boolean restamp(ClockStep step) {
        return writer.offer(new ClockStepWrite(step, eventsBefore, () -> downsampler.closeAll(step.to())),
                () -> unsetStamps = false);
    }

    /**
     * The earliest the clock can plausibly say: a row stamped before it was stamped by a clock not set, and is moved
     * once the clock is set ({@link #restamp}); until then, with the clock set, the retention does not run (until
     * 2026-12-03 a tick between the set and the restamp deleted those rows as decades old).
     */
    public void clockFloor(ClockFloor f) {
        floor = f;
    }

    /** Notes a time a record is stamped with: below the floor, the retention waits for the restamp once set. */
    private void stamped(Instant t) {
        if (t != null && !unsetStamps && !floor.plausible(t)) {
            unsetStamps = true;
        }
    }

    /** A meter value; folded into its minute on the writer thread. */
    public boolean sample(Sample s) {
        stamped(s.at());
        return writer.offer(new ReadingsWrite(() -> downsampler.add(s)));
    }

    /**
     * Holds the session's row for the writer, apart from the queue: never dropped, however full the queue (a newer row
     * of the same session replaces it while it waits). A row that ends the session runs {@link #onSessionEnded} once
     * committed: what reports the session reads it from the table then, so it never looks before the row is there.
     * False only once the store is closing.
     */
    public boolean session(SessionRecord s) {
        stamped(s.arrival());
        stamped(s.departure());
        stamped(s.lastSeen());
        if (!sessions.hold(s)) {
            LOG.error("store {} is closing: session {} (pile {}) not written", settings.file(), s.id(), s.pile());
            return false;
        }
        writer.wake();
        return true;
    }

    /** Runs {@code r} on the writer thread after each ended session's row is committed; it must not wait. */
    public void onSessionEnded(Runnable r) {
        onSessionEnded = r;
    }

    /**
     * A session number this store has never given out, for the control thread: it never waits. The writer stores it
     * with the next session rows it takes (held apart from the queue, like them: never dropped), before them.
     */
    public long nextSessionNumber() {
        long n = sessionNumber.incrementAndGet();
        writer.wake();
        return n;
    }

    public boolean plan(Plan p) {
        return plan(PlanRecord.of(p));
    }

    public boolean plan(PlanRecord p) {
        return writer.offer(Write.named("a plan", c -> PlansTable.insert(c, p)));
    }

    /**
     * An event of {@code kind} stamped with the store's clock now, with its arguments as name, value pairs
     * ({@link StoreEvent#of}).
     */
    public boolean event(EventKind kind, String subject, String message, Object... args) {
        return event(StoreEvent.of(clock.instant(), kind, subject, message, args));
    }

    /** An event of a kind that is not one of the gateway's (a test's marker), without arguments. */
    public boolean event(String kind, String subject, String message) {
        return event(new StoreEvent(clock.instant(), kind, subject, message));
    }

    public boolean event(StoreEvent e) {
        stamped(e.time());
        return writer.offer(Write.named("an event", c -> EventsTable.insert(c, e)));
    }

    /**
     * As {@link #event(StoreEvent)}, for one who answers a person and must say whether the event was recorded (the local
     * page's changes): completed once it is committed, exceptionally with SQLite's refusal once the writer gives it up,
     * or at once with a {@link StoreException} when it was not queued (the queue full, the store closing). Events are
     * dropped rather than waited for (the class's comment); only the caller may wait on this, never the control thread.
     */
    public CompletableFuture<Void> eventOutcome(EventKind kind, String subject, String message, Object... args) {
        return eventOutcome(StoreEvent.of(clock.instant(), kind, subject, message, args));
    }

    /** As above, of an event already made. */
    public CompletableFuture<Void> eventOutcome(StoreEvent e) {
        stamped(e.time());
        CompletableFuture<Void> outcome = new CompletableFuture<>();
        Write insert = new Write() {
            @Override
            public void apply(Connection c) throws SQLException {
                EventsTable.insert(c, e);
            }

            @Override
            public void givenUp(SQLException why) {
                outcome.completeExceptionally(why);
            }

            @Override
            public String what() {
                return "an event";
            }
        };
        if (!writer.offer(insert, () -> outcome.complete(null))) {
            outcome.completeExceptionally(new StoreException("the store's queue of " + settings.queueCapacity()
                    + " writes is full, or the store is closing: the event was dropped", null));
        }
        return outcome;
    }

    /** Queues an extra retention run now (it also runs by itself every {@code retentionEvery}). */
    public boolean runRetention() {
        return writer.offer(Write.named("the retention", this::retention));
    }

    /**
     * From now on, and now if it has been already, a store SQLite finds damaged is moved aside while running and a
     * fresh one made in its place, as at start ({@link StoreRecovery}; {@code floor}: the earliest the clock can be);
     * the listeners of {@link #onMovedAside} are told. A move that fails is tried again after a minute, doubling.
     */
    public void recoverWhenDamaged(Instant floor) {
        recoverWhenDamaged(floor, Duration.ofMinutes(1));
    }

    /** As above, a failed move tried again after {@code firstRetry}, doubling up to an hour (tests: sooner). */
    public synchronized void recoverWhenDamaged(Instant floor, Duration firstRetry) {
        if (recovery == null) {
            recovery = new StoreRecovery(database, clock, floor, firstRetry, this::movedAside);
        }
    }

    /**
     * Runs {@code listener} after each move aside while running, on the thread that moved it (it must not wait); the
     * returned action stops that.
     */
    public Runnable onMovedAside(Consumer<StoreDamage> listener) {
        movedAside.add(listener);
        return () -> movedAside.remove(listener);
    }

    private void movedAside(StoreDamage d) {
        for (Consumer<StoreDamage> listener : movedAside) {
            listener.accept(d);
        }
    }

    /** Writes dropped because the queue was full (readings, plans, events; never a session's row). */
    public long dropped() {
        return writer.dropped();
    }

    /**
     * What SQLite said when a write first failed because the store is damaged (SQLITE_CORRUPT or SQLITE_NOTADB), since
     * start; empty while it has not.
     */
    public Optional<String> damaged() {
        return database.damage();
    }

    /**
     * SQLite's primary code ({@code SQLITE_FULL}, {@code SQLITE_READONLY}, ...) while the store refuses its writes for
     * a reason that may pass, until a write that changed something is committed again ({@link StoreWriter#refusedBy});
     * empty while writes commit.
     */
    public Optional<String> writesRefused() {
        return writer.refusedBy();
    }

    /**
     * A failed write's cause as a code: SQLite's primary code name ({@code SQLITE_READONLY}, all the IOERR kinds
     * {@code SQLITE_IOERR}), the page's {@code sqlite.*} texts say; else the class of what was thrown.
     */
    public static String failureCode(SQLException e) {
        return WriteFailureLog.cause(e);
    }

    /**
     * Whether the store commits its writes now: neither damaged ({@link #damaged}) nor refusing them
     * ({@link #writesRefused}).
     */
    public boolean writable() {
        return damaged().isEmpty() && writesRefused().isEmpty();
    }

    /** Writes that failed in the database. */
    public long failed() {
        return writer.failed();
    }

    /** Blocks until what was queued or held so far is committed (shutdown, tests, tools; never the control thread). */
    public boolean flush(Duration timeout) throws InterruptedException {
        return writer.flush(timeout);
    }

    /** A read-only view on its own connection; close it after use. */
    public StoreReader reader() {
        return new StoreReader(StoreConnection.open(database, SynchronousMode.NORMAL, TransactionMode.DEFERRED));
    }

    public Database database() {
        return database;
    }

    StoreWriter writer() {
        return writer;
    }

    /** The writer's connection: for tests that have SQLite refuse its writes ({@code PRAGMA query_only}). */
    StoreConnection writerConnection() {
        return writerConnection;
    }

    /**
     * The writer's tick: writes the minutes that are over, and runs the retention when it is due. The minutes it closed
     * are kept until a commit writes them: a tick in a batch that fails for another write is replayed alone, and the
     * downsampler hands a minute out only once (until 2026-12-03 such minutes were lost). A tick given up forgets them,
     * as a failing write of readings is given up.
     */
    private final class Tick implements Write {
        /** Minutes closed that no commit has written yet; writer thread only. */
        private final List<MinuteReading> closed = new ArrayList<>();

        @Override
        public void apply(Connection c) throws SQLException {
            closed.addAll(downsampler.closeBefore(clock.instant()));
            ReadingsTable.upsert(c, closed);
            writer.onCommit(closed::clear);
            if (!clock.instant().isBefore(nextRetention)) {
                retention(c);
            }
        }

        @Override
        public void givenUp(SQLException why) {
            closed.clear();
        }
    }

    /** Run once at close, after the queue is drained. */
    private void last(Connection c) throws SQLException {
        new ReadingsWrite(() -> downsampler.closeAll(clock.instant())).apply(c);
        SessionSeqTable.advance(c, sessionNumber.get());
    }

    private void retention(Connection c) throws SQLException {
        if (unsetStamps && floor.plausible(clock.instant())) {
            LOG.debug("store retention waits: rows stamped while the clock was not set are not moved yet");
            return;
        }
        int n = settings.retention().run(c, clock);
        nextRetention = clock.instant().plus(settings.retentionEvery());
        if (n > 0) {
            LOG.info("store retention deleted {} rows", n);
        }
    }

    @Override
    public void close() {
        StoreRecovery r;
        synchronized (this) {
            r = recovery;
        }
        if (r != null) {
            r.close();
        }
        sessions.close();
        writer.close();
        writerConnection.close();
        LOG.info("store {} closed ({} writes dropped, {} failed)", settings.file(), writer.dropped(), writer.failed());
    }
}
