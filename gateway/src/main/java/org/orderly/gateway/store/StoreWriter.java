package org.orderly.gateway.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;
import org.sqlite.core.DB;

/**
 * The one thread that writes to the store. Producers call {@link #offer}, which never blocks: when the
 * bounded queue is full the write is dropped, counted ({@link #dropped()}) and, once the queue has room
 * again, recorded as an event ({@link Overflow}: {@code store.overflow}, or its owner's). What must never be dropped
 * is {@link Held} apart from the queue (bounded otherwise) and taken after each drain of the queue; {@link #wake}
 * tells the writer it is there. Writes are applied in batches, one transaction per batch; a batch that fails is
 * replayed write by write so one bad write loses only itself, unless the writer was made with a {@link Retry}, or the
 * write is {@link Write#kept()} (then after {@link #KEPT}): then a write that fails alone for a reason that
 * may pass (SQLITE_BUSY past the busy timeout, SQLITE_IOERR, SQLITE_FULL, ...) is kept, with every write of its batch
 * after it, and tried again after a back-off, before anything else is taken from the queue; meanwhile the queue fills
 * and then drops (counted as above), so what is kept is bounded by one batch. A write that fails because the store is
 * damaged is kept the same way while a move aside of the file is due ({@link Database#movingAside()}), and written to
 * the fresh file after it: each transaction holds a {@link StoreConnection.Lease}, which follows the file. {@code tick}
 * runs on the writer thread at least every {@code tickEvery} (closing finished minutes, retention). At the stop
 * ({@link #close}), once the file has refused a write for a reason that may pass, the writes left are tried without
 * waiting for the lock: each would otherwise wait the busy timeout again (5 s), the stop waiting for them all.
 */
public final class StoreWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StoreWriter.class);
    private static final int MAX_BATCH = 500;
    /** Only wakes the writer: {@link #wake}. */
    private static final Write WAKE = c -> { };

    private final StoreConnection connection;
    private final Clock clock;
    private final int capacity;
    private final BlockingQueue<Write> queue;
    private final Write tick;
    private final Write last;
    private final Held held;
    private final long tickEveryNanos;
    /** Writes and messages among them dropped by the full queue since start: one value, so the two always agree. */
    private final AtomicReference<Dropped> dropped = new AtomicReference<>(Dropped.NONE);
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong attemptsFailed = new AtomicLong();
    /** What is logged of writes failing for a reason that is not damage; writer thread only. */
    private final WriteFailureLog failures;
    /** Writes given up because the store is damaged; writer thread only. */
    private long damagedWrites;
    private final Retry retry;
    /** Writes that failed for a reason that may pass, in their order; writer thread only. */
    private final List<Write> retrying = new ArrayList<>();
    /** The writes kept are kept for the fresh store of a move aside under way; writer thread only. */
    private boolean keptForMove;
    /** {@link #failed} when writes were first kept: those given up since are not said to have succeeded. */
    private long failedWhenKept;
    /** How soon writes kept for a move aside are tried again (the move copies no history: it is short). */
    private static final Retry WHILE_MOVED_ASIDE = new Retry(Duration.ofMillis(200), Duration.ofSeconds(2));
    /**
     * How a writer without a {@link Retry} of its own tries again the writes it must keep ({@link Write#kept()}): as
     * the outbox tries all of its own, after 1 s, then twice as long each time up to 30 s.
     */
    public static final Retry KEPT = new Retry(Duration.ofSeconds(1), Duration.ofSeconds(30));
    /**
     * SQLite's primary code ({@code SQLITE_FULL}) while writes fail for a reason that may pass, since the last commit
     * that changed something; null meanwhile. Written on the writer thread.
     */
    private volatile String refusedBy;
    private volatile int retryingCount;
    private long retryDelayNanos;
    private long retryAtNanos;
    private String lastFailure = "";
    /** Set once the stop's writes are tried without waiting for the lock ({@link #noLockWaitsAtStop}). */
    private boolean lockWaitsEnded;
    /** What the writes of the transaction under way asked to run after its commit, or after its rollback. */
    private final List<Runnable> onCommit = new ArrayList<>();
    private final List<Runnable> onRollback = new ArrayList<>();
    private final Thread thread;
    private final AtomicBoolean woken = new AtomicBoolean();
    /** {@link #dropped} as said in the last overflow event; written on the writer thread only. */
    private volatile Dropped reportedDrops = Dropped.NONE;
    /** How the full queue's drops are said: {@link Overflow#STORE} unless the writer's owner says otherwise. */
    private volatile Overflow overflow = Overflow.STORE;
    /** Told of each write that failed because the store is damaged (writer thread). */
    private volatile Consumer<SQLException> onDamaged = e -> { };
    private volatile boolean closing;
    /** Writes refused because the stop had begun (not the full queue's: the queue may have had room). */
    private final AtomicReference<Dropped> refusedAtStop = new AtomicReference<>(Dropped.NONE);
    /** What the log calls this writer's queue: the store's, or the upstream outbox's. */
    private volatile String name = "store";
    /** The writer thread has left its loop at the stop: see {@link #enqueued}. */
    private volatile boolean stopped;
    /** Run once in the next offer before its enqueue: where a test puts a stop. */
    private volatile Runnable beforeNextEnqueue;
    /** Run on the writer thread once it has stopped: {@link #onStopped}. */
    private volatile Runnable onStopped = () -> { };

    /** Writes kept apart from the bounded queue, never dropped; the writer takes them all after each drain of it. */
    @FunctionalInterface
    interface Held {
        Held NONE = List::of;

        /** Everything held now, in the order to apply it, and no longer held; empty when nothing is. */
        List<Write> take();
    }

    /**
     * Not started, as every writer is made: see {@link #start}. On a connection that follows the store's file when a
     * running gateway moves it aside.
     *
     * @param tick  run on the writer thread every {@code tickEvery}
     * @param last  run once on the writer thread after the queue is drained at close
     * @param retry how to try again a write that failed for a reason that may pass
     */
    public StoreWriter(StoreConnection connection, Clock clock, int capacity, Write tick, Duration tickEvery,
                       Write last, Retry retry) {
        this(connection, clock, capacity, tick, tickEvery, last, Held.NONE, retry);
    }

    /** @param held taken after each drain of the queue, and until it is empty at close */
    StoreWriter(StoreConnection connection, Clock clock, int capacity, Write tick, Duration tickEvery, Write last,
                Held held) {
        this(connection, clock, capacity, tick, tickEvery, last, held, Retry.NONE);
    }

    /**
     * Starts the writer thread, once. A writer is made not started so that its owner starts it once it holds it: a
     * {@code tick} or {@code last} that reaches the writer through a field of its owner (to call {@link #onCommit}), as
     * the store's and the outbox's do, then finds it there on the writer thread by {@link Thread#start}'s ordering, not
     * by the first tick's being seconds away.
     */
    public void start() {
        thread.start();
    }

    private StoreWriter(StoreConnection connection, Clock clock, int capacity, Write tick, Duration tickEvery,
                        Write last, Held held, Retry retry) {
        if (capacity < 1) {
            throw new IllegalArgumentException("store queue capacity must be >= 1, got " + capacity);
        }
        this.connection = connection;
        begin(connection.current()); // fails at once on a connection that is not SQLite's
        this.clock = clock;
        this.capacity = capacity;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.tick = Write.named("the writer's tick", tick);
        this.last = Write.named("the writer's last write at the stop", last);
        this.failures = new WriteFailureLog(clock, connection.file());
        this.held = held;
        this.retry = retry;
        this.tickEveryNanos = tickEvery.toNanos();
        this.thread = new Thread(this::run, "orderly-store-writer");
        this.thread.setDaemon(true);
    }

    /** Queues a write without waiting; false (and counted) when the queue is full or the writer closed. */
    public boolean offer(Write w) {
        if (!closing && enqueued(w)) {
            return true;
        }
        if (closing) {
            // Not the full queue's: said apart, so no overflow event blames a queue that had room.
            if (refusedAtStop.getAndUpdate(d -> d.plus(w)).writes() == 0) {
                LOG.warn("{} writer stopping: {} refused, as is any write after it (counted apart from the full"
                        + " queue's drops)", name, w.what());
            }
        } else if (dropped.getAndUpdate(d -> d.plus(w)).writes() == reportedDrops.writes()) {
            LOG.warn("{} queue full ({} writes): dropping writes until the writer catches up", name, capacity);
        }
        return false;
    }

    /** Puts {@code w} in the queue: false when the queue is full, or the writer stopped before {@code w} was in it. */
    private boolean enqueued(Write w) {
        Runnable before = beforeNextEnqueue;
        if (before != null) {
            beforeNextEnqueue = null;
            before.run();
        }
        if (!queue.offer(w)) {
            return false;
        }
        // The writer may have stopped since this offer found it not stopping. It looks at its queue once more after
        // saying so: a write queued before that look is written by it, one still there after is taken out here and
        // refused. None is left in the queue of a writer gone, unwritten and uncounted.
        return !stopped || !queue.remove(w);
    }

    /** Runs {@code r} once, in the next offer between its look at the stop and its enqueue (tests: a stop there). */
    void beforeNextEnqueue(Runnable r) {
        beforeNextEnqueue = r;
    }

    /**
     * Like {@link #offer(Write)}; {@code afterCommit} then runs on the writer thread once {@code w} is committed (not
     * when it fails), before a {@link #flush} waiting behind it returns.
     */
    public boolean offer(Write w, Runnable afterCommit) {
        return offer(new Committing(w, afterCommit));
    }

    /**
     * Tells the writer that {@link Held} has something (it takes it at once if it is waiting for the queue). Never
     * waits; a full queue needs no wake-up.
     */
    public void wake() {
        if (woken.compareAndSet(false, true)) {
            queue.offer(WAKE);
        }
    }

    /** A write with what to run once it is committed. */
    record Committing(Write write, Runnable afterCommit) implements Write {
        @Override
        public void apply(Connection connection) throws SQLException {
            write.apply(connection);
        }

        @Override
        public void givenUp(SQLException why) {
            write.givenUp(why);
        }

        @Override
        public String what() {
            return write.what();
        }

        @Override
        public boolean storesMessage() {
            return write.storesMessage();
        }

        @Override
        public boolean kept() {
            return write.kept();
        }
    }

    /**
     * Runs {@code r} on the writer thread for each write given up because SQLite finds the store damaged
     * (SQLITE_CORRUPT, SQLITE_NOTADB): a failure that does not pass, which the next start's check deals with.
     */
    public void onDamaged(Consumer<SQLException> r) {
        onDamaged = r;
    }

    /**
     * Runs {@code r} on the writer thread once it has stopped (after the last write, committed or given up), before
     * {@link #close()} returns if the thread ends within its wait, whenever it ends if not: what must follow the last
     * write follows it even then.
     */
    public void onStopped(Runnable r) {
        onStopped = r;
    }

    /** Writes dropped because the queue was full, since start (not those refused at the stop). */
    public long dropped() {
        return dropped.get().writes();
    }

    /** Writes refused because the writer's stop had begun, and how many of them stored a message. */
    public Dropped refusedAtStop() {
        return refusedAtStop.get();
    }

    /** Of {@link #dropped()}, the writes that stored a message to send upstream ({@link Write#storesMessage()}). */
    public long droppedMessages() {
        return dropped.get().messages();
    }

    /** Writes the full queue dropped, and how many of them stored a message to send upstream. */
    public record Dropped(long writes, long messages) {
        static final Dropped NONE = new Dropped(0, 0);

        Dropped plus(Write w) {
            return new Dropped(writes + 1, messages + (w.storesMessage() ? 1 : 0));
        }

        Dropped minus(Dropped earlier) {
            return new Dropped(writes - earlier.writes, messages - earlier.messages);
        }
    }

    /**
     * The event that says what the full queue dropped, stored by the writer once the queue has room: {@code since} the
     * last such event, {@code total} since start, of a queue of {@code capacity}.
     */
    @FunctionalInterface
    public interface Overflow {
        /** The store's own queue: its writes (readings, events, plans, ...), no upstream message among them. */
        Overflow STORE = (at, since, total, capacity) -> StoreEvent.of(at, EventKind.STORE_OVERFLOW, "store",
                since.writes() + " writes dropped: the queue of " + capacity + " was full (" + total.writes()
                + " since start)", "dropped", since.writes(), "capacity", capacity, "total", total.writes());

        StoreEvent event(Instant at, Dropped since, Dropped total, int capacity);
    }

    /**
     * Says the full queue's drops with {@code o} rather than as the store's ({@link Overflow#STORE}), and calls the
     * queue {@code name} in the log ("outbox" rather than "store").
     */
    public void overflow(String name, Overflow o) {
        this.name = name;
        overflow = o;
    }

    /** Writes that failed in the database, since start. */
    public long failed() {
        return failed.get();
    }

    /** Write attempts that failed in the database, since start (a write tried again counts each time). */
    public long attemptsFailed() {
        return attemptsFailed.get();
    }

    /**
     * SQLite's primary code ({@code SQLITE_READONLY}, ...) while the store refuses writes for a reason that may pass (a
     * full disk, a file read-only, locked or giving I/O errors): from a write failing so until a write that changed
     * something is committed. Empty while writes commit (a write that changes nothing commits even on a read-only file,
     * and shows nothing). Damage is said apart ({@link #onDamaged}).
     */
    public Optional<String> refusedBy() {
        return Optional.ofNullable(refusedBy);
    }

    /** Writes kept to be tried again (0 when the last attempt succeeded). */
    public int retrying() {
        return retryingCount;
    }

    /**
     * Runs {@code r} once the transaction under way is committed, never when it is rolled back (a write replayed or
     * tried again runs again and asks again). Only from a write, on the writer thread.
     */
    public void onCommit(Runnable r) {
        onCommit.add(r);
    }

    /** Runs {@code r} if the transaction under way is rolled back. Only from a write, on the writer thread. */
    public void onRollback(Runnable r) {
        onRollback.add(r);
    }

    /**
     * How a writer tries again a write that failed for a reason that may pass: first after {@code first}, then after
     * twice as long each time, up to {@code max}.
     */
    public record Retry(Duration first, Duration max) {
        /** Never: a write that fails alone is counted ({@link #failed()}), logged and given up. */
        public static final Retry NONE = new Retry(Duration.ZERO, Duration.ZERO);

        boolean enabled() {
            return !first.isZero() && !first.isNegative();
        }
    }

    public int queued() {
        return queue.size();
    }

    /** Waits (off the control thread!) until every write queued or held before this call is committed. */
    public boolean flush(Duration timeout) throws InterruptedException {
        Barrier barrier = new Barrier();
        if (!queue.offer(barrier, timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return false;
        }
        return barrier.done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Marks a point in the queue; released after the batch holding it is committed (or has failed). */
    private static final class Barrier implements Write {
        final CountDownLatch done = new CountDownLatch(1);

        @Override
        public void apply(Connection connection) {
        }
    }

    private void run() {
        List<Write> batch = new ArrayList<>();
        long nextTick = System.nanoTime() + tickEveryNanos;
        try {
            while (true) {
                // Read before the queue: whatever was offered or held before close() is taken below.
                boolean stopping = closing;
                failures.sayDue();
                if (!retrying.isEmpty()) {
                    retryKept(stopping);
                    continue;
                }
                long wait = Math.max(1, Math.min(200_000_000L, nextTick - System.nanoTime()));
                Write first = stopping ? queue.poll() : queue.poll(wait, TimeUnit.NANOSECONDS);
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch, MAX_BATCH - 1);
                    batch.removeIf(w -> w == WAKE);
                }
                woken.set(false);
                // Taken after the queue, so a flush's barrier taken above comes after what was held before it; put
                // first, so that a batch replayed write by write has written them when it releases the barrier.
                batch.addAll(0, held.take());
                boolean idle = first == null && batch.isEmpty();
                if (System.nanoTime() - nextTick >= 0) {
                    batch.add(tick);
                    nextTick = System.nanoTime() + tickEveryNanos;
                }
                reportDrops(batch);
                apply(batch);
                batch.clear();
                keptForRetry();
                if (stopping && idle) {
                    break;
                }
            }
            stopped = true;
            apply(late());
            apply(List.of(last));
            failures.sayAll();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("store writer interrupted with {} writes queued", queue.size());
        } finally {
            try {
                onStopped.run();
            } catch (RuntimeException e) {
                LOG.error("store: the action after the writer stopped failed: {}", e.toString(), e);
            }
        }
    }

    /**
     * What offers that found the writer not stopping queued after the loop's last look at the queue: written before the
     * last write. An offer that queues after this look takes its write out again itself ({@link #enqueued}).
     */
    private List<Write> late() {
        List<Write> late = new ArrayList<>();
        queue.drainTo(late);
        late.removeIf(w -> w == WAKE);
        return late;
    }

    /**
     * Tries the kept writes again once their back-off is over (at once when stopping, and only once: what still fails
     * then is given up). Nothing else is taken from the queue meanwhile.
     */
    private void retryKept(boolean stopping) throws InterruptedException {
        long wait = retryAtNanos - System.nanoTime();
        if (wait > 0 && !stopping) {
            TimeUnit.NANOSECONDS.sleep(Math.min(wait, 200_000_000L));
            return;
        }
        List<Write> kept = new ArrayList<>(retrying);
        retrying.clear();
        // While closing, failedAlone gives a failing write up at once, so nothing is kept past this attempt.
        apply(kept);
        keptForRetry();
    }

    /** After an attempt: schedules the next try of the writes kept, or says that they are through. */
    private void keptForRetry() {
        retryingCount = retrying.size();
        if (retrying.isEmpty()) {
            if (retryDelayNanos > 0) {
                if (failed.get() == failedWhenKept) {
                    // The failures' end is said by the failure log, once for each kind of write.
                    LOG.debug("store writes succeed again: the writes kept are committed ({} failed attempts since start)",
                            attemptsFailed.get());
                } else {
                    LOG.info("store writes kept: {} given up, the rest committed ({} failed attempts since start)",
                            failed.get() - failedWhenKept, attemptsFailed.get());
                }
                retryDelayNanos = 0;
            }
            return;
        }
        Retry r = keptForMove ? WHILE_MOVED_ASIDE : retry.enabled() ? retry : KEPT;
        boolean first = retryDelayNanos == 0;
        if (first) {
            failedWhenKept = failed.get();
        }
        retryDelayNanos = first ? r.first().toNanos() : Math.min(r.max().toNanos(), retryDelayNanos * 2);
        retryAtNanos = System.nanoTime() + retryDelayNanos;
        if (keptForMove) {
            if (first) {
                LOG.info("store writes kept for the fresh store while the damaged one is moved aside ({} writes)",
                        retrying.size());
            }
            keptForMove = false;
            return;
        }
        // Each attempt at DEBUG: the failures themselves are said by the failure log, summed up once a minute.
        LOG.debug("store writes failing ({}): {} writes kept, tried again in {} ms ({} failed attempts since start)",
                lastFailure, retrying.size(), TimeUnit.NANOSECONDS.toMillis(retryDelayNanos), attemptsFailed.get());
    }

    private void reportDrops(List<Write> batch) {
        Dropped now = dropped.get();
        if (now.writes() > reportedDrops.writes()) {
            Dropped since = now.minus(reportedDrops);
            reportedDrops = now;
            StoreEvent e = overflow.event(clock.instant(), since, now, capacity);
            LOG.warn("{}", e.message());
            batch.add(Write.named("the " + e.kind() + " event", c -> EventsTable.insert(c, e)));
        }
    }

    private void apply(List<Write> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            List<Write> changed = transaction(batch);
            afterCommit(batch);
            failures.committed(changed);
            if (!changed.isEmpty()) {
                refusedBy = null;
            }
        } catch (SQLException e) {
            if (closing && mayPass(e)) {
                noLockWaitsAtStop();
            }
            if (batch.size() == 1) {
                failedAlone(batch.get(0), e);
                return;
            }
            if (failures.failing(batch)) {
                // Writes of its kinds are failing already, and said so: a batch each time would fill the log as they
                // did. A batch of other kinds failing is news, even while a kind written once is still failing.
                LOG.debug("store batch of {} failed ({}); replaying one by one", batch.size(), e.getMessage());
            } else {
                LOG.warn("store batch of {} failed ({}); replaying one by one", batch.size(), e.getMessage());
            }
            for (Write w : batch) {
                if (retrying.isEmpty()) {
                    apply(List.of(w));
                } else {
                    // Behind a write kept for a retry: kept too, in order, and not tried while the database fails.
                    retrying.add(w);
                }
            }
        } finally {
            releaseBarriers(batch.stream().filter(w -> !retrying.contains(w)).toList());
        }
    }

    private static void releaseBarriers(List<Write> writes) {
        for (Write w : writes) {
            if (w instanceof Barrier b) {
                b.done.countDown();
            }
        }
    }

    /**
     * At the stop, once the file has refused a write for a reason that may pass (locked past the busy timeout, an I/O
     * error, a full disk): the writes left (the batch replayed write by write, the queue, the last) are tried without
     * waiting for the lock, each refused at once while another holds it, committed if it is free. So the stop waits the
     * busy timeout once, not once a write (docs/operations.md, "The stop budget").
     */
    private void noLockWaitsAtStop() {
        if (lockWaitsEnded) {
            return;
        }
        lockWaitsEnded = true;
        try (StoreConnection.Lease lease = lease(); Statement s = lease.connection().createStatement()) {
            s.execute("PRAGMA busy_timeout = 0");
        } catch (SQLException e) {
            LOG.warn("store writer: its writes at the stop still wait for the lock (the wait could not be ended: {})",
                    e.getMessage());
        }
    }

    private void failedAlone(Write w, SQLException e) {
        attemptsFailed.incrementAndGet();
        lastFailure = e.getMessage();
        boolean passes = mayPass(e);
        if (passes) {
            refusedBy = WriteFailureLog.cause(e);
        }
        Retry r = retry.enabled() ? retry : w.kept() ? KEPT : Retry.NONE;
        if (r.enabled() && !closing && passes) {
            failures.failed(w, e, "kept and tried again after " + shortly(r.first()) + ", then twice as long each"
                    + " time up to " + shortly(r.max()) + ", before anything else is written");
            retrying.add(w);
            return;
        }
        if (StoreCheck.isDamage(e) && !closing) {
            // Told first: the first damage found is what starts a move aside, which then keeps the write for the fresh
            // store rather than lose it (docs/operations.md, "A damaged store").
            onDamaged.accept(e);
            if (connection.movingAside()) {
                retrying.add(w);
                keptForMove = true;
                return;
            }
        }
        failed.incrementAndGet();
        if (StoreCheck.isDamage(e)) {
            // Said once, with what follows, by whom onDamaged tells (one ERROR); every write after it fails the same
            // way, so only the first is logged here: a WARN per write would fill the journal until the restart.
            if (damagedWrites++ == 0) {
                LOG.warn("store write failed, the store is damaged: {}; later writes failing so are counted, not logged",
                        e.getMessage());
            } else {
                LOG.debug("store write failed, the store is damaged: {}", e.getMessage());
            }
            if (closing) {
                onDamaged.accept(e);
            }
        } else {
            failures.failed(w, e, (closing ? "given up at the stop" : "given up") + " ("
                    + WriteFailureLog.writes(failed.get()) + " given up since start)");
        }
        givenUp(w, e);
    }

    /** {@code d} as a log line says it: {@code 200 ms}, {@code 30 s}. */
    private static String shortly(Duration d) {
        return d.toMillis() < 1000 ? d.toMillis() + " ms" : d.toSeconds() + " s";
    }

    private static void givenUp(Write w, SQLException why) {
        try {
            w.givenUp(why);
        } catch (RuntimeException e) {
            LOG.error("store: the action after a write was given up failed: {}", e.toString(), e);
        }
    }

    /**
     * Whether SQLite may take the write later: the file locked past the busy timeout, an I/O error, a full disk, no
     * memory, a file that could not be opened or is read-only for now. A constraint, a malformed statement or a bug
     * fails the same way every time.
     */
    static boolean mayPass(SQLException e) {
        if (!(e instanceof SQLiteException s)) {
            return false;
        }
        return switch (s.getResultCode().code & 0xff) {
            case 5, 6, 7, 8, 10, 13, 14, 15 -> true; // BUSY, LOCKED, NOMEM, READONLY, IOERR, FULL, CANTOPEN, PROTOCOL
            default -> false;
        };
    }

    private static void afterCommit(List<Write> batch) {
        for (Write w : batch) {
            if (w instanceof Committing c) {
                try {
                    c.afterCommit().run();
                } catch (RuntimeException e) {
                    // The write is committed: what follows it failing must not undo or replay it.
                    LOG.error("store: the action after a committed write failed: {}", e.toString(), e);
                }
            }
        }
    }

    /**
     * One batch in one transaction, begun and ended by hand: sqlite-jdbc's {@code commit()} and {@code rollback()}
     * begin the next transaction at once, which on a connection in IMMEDIATE mode takes the write lock again right
     * after each commit, and may wait the busy timeout for it and then fail once the batch is committed (which would
     * then be replayed).
     */
    private List<Write> transaction(List<Write> batch) throws SQLException {
        onCommit.clear();
        onRollback.clear();
        List<Write> changed = new ArrayList<>();
        // Held to the commit: a move aside of the file waits for it, and the next transaction runs on the fresh one.
        try (StoreConnection.Lease lease = lease()) {
            Connection c = lease.connection();
            execute(c, begin(c));
            try {
                // What each write changed, by SQLite's count of rows changed on the connection: a write that changed
                // nothing commits even on a read-only file or a full disk, and says nothing of whether writes succeed.
                DB db = c.unwrap(SQLiteConnection.class).getDatabase();
                long before = db.total_changes();
                for (Write w : batch) {
                    w.apply(c);
                    long after = db.total_changes();
                    if (after != before) {
                        changed.add(w);
                        before = after;
                    }
                }
                execute(c, "COMMIT");
            } catch (SQLException | RuntimeException e) {
                runAll(onRollback, "after a rollback");
                SQLException failed = e instanceof SQLException s ? s : new SQLException(e.toString(), e);
                try {
                    execute(c, "ROLLBACK");
                } catch (SQLException notRolledBack) {
                    // SQLite rolls some failures back by itself (SQLITE_FULL, some I/O errors), and then there is no
                    // transaction left to roll back: nothing to say. Another failure to roll back goes with the first.
                    if (!String.valueOf(notRolledBack.getMessage()).contains("no transaction is active")) {
                        failed.addSuppressed(notRolledBack);
                    }
                }
                throw failed;
            }
        }
        runAll(onCommit, "after a commit");
        return changed;
    }

    /**
     * The connection for one transaction. After a move aside it is opened again, which may fail (the damaged file put
     * back after a fresh one could not be made, a fresh one SQLite cannot open yet): that fails the batch as SQLite's
     * refusal would, kept or given up as such, rather than end the writer's thread.
     */
    private StoreConnection.Lease lease() throws SQLException {
        try {
            return connection.lease();
        } catch (StoreException e) {
            // SQLite's code, when it said one, decides whether the write may pass; a connection not opened for another
            // reason (its directory) is taken as one that may.
            SQLiteErrorCode code = e.getCause() instanceof SQLiteException s ? s.getResultCode()
                    : SQLiteErrorCode.SQLITE_CANTOPEN;
            SQLiteException failed = new SQLiteException(e.getMessage(), code);
            failed.initCause(e);
            throw failed;
        }
    }

    /** Runs and forgets {@code actions}; one that fails is logged and does not stop the others. */
    private static void runAll(List<Runnable> actions, String when) {
        List<Runnable> now = List.copyOf(actions);
        actions.clear();
        for (Runnable r : now) {
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.error("store: an action {} failed: {}", when, e.toString(), e);
            }
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** BEGIN as the connection was opened to begin its transactions (DEFERRED unless it said otherwise). */
    private static String begin(Connection c) {
        try {
            return "BEGIN " + c.unwrap(SQLiteConnection.class).getConnectionConfig().getTransactionMode().name();
        } catch (SQLException e) {
            throw new StoreException("the store writer needs a SQLite connection: " + e.getMessage(), e);
        }
    }

    /**
     * Drains the queue, runs the last write, stops the thread, waiting {@link #CLOSE_WAIT} at most (a thread still
     * writing then goes on, and {@link #onStopped} runs when it ends). Does not close the connection.
     */
    @Override
    public void close() {
        close(CLOSE_WAIT);
    }

    /** How long {@link #close()} waits for the thread to end. */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(30);

    /**
     * As {@link #close()}, waiting {@code wait} at most (a test's shorter wait); whether the thread ended: if not, it
     * is still writing, and what it writes last may still be committed.
     */
    public boolean close(Duration wait) {
        closing = true;
        try {
            thread.join(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.error("store writer did not finish within {} ms; {} writes still queued; it goes on with them and its"
                    + " last write", wait.toMillis(), queue.size());
            return false;
        }
        return true;
    }
}
