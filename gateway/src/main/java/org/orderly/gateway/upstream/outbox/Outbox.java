package org.orderly.gateway.upstream.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.orderly.gateway.core.time.ClockFloor;
import org.orderly.gateway.core.time.ClockStep;
import org.orderly.gateway.core.time.ClockWatch;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.gateway.store.Database;
import org.orderly.gateway.store.EventKind;
import org.orderly.gateway.store.StoreCheck;
import org.orderly.gateway.store.StoreConnection;
import org.orderly.gateway.store.StoreDamage;
import org.orderly.gateway.store.EventsTable;
import org.orderly.gateway.store.FullDisk;
import org.orderly.text.SaidDuration;
import org.orderly.gateway.store.SessionRecord;
import org.orderly.gateway.store.SessionsTable;
import org.orderly.gateway.store.StoreEvent;
import org.orderly.gateway.store.StoreException;
import org.orderly.gateway.store.StoreWriter;
import org.orderly.gateway.store.UnsetClockNumbers;
import org.orderly.gateway.store.Write;
import org.orderly.gateway.upstream.Topics;
import org.orderly.gateway.upstream.message.Body;
import org.orderly.gateway.upstream.message.Envelope;
import org.orderly.gateway.upstream.message.EventBody;
import org.orderly.gateway.upstream.message.SkippedSeqs;
import org.orderly.gateway.upstream.message.MessageKind;
import org.orderly.gateway.upstream.message.Messages;
import org.orderly.gateway.upstream.message.StateBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig.SynchronousMode;
import org.sqlite.SQLiteConfig.TransactionMode;

/**
 * Every message the gateway publishes is stored here first. {@link #offer} only queues (the control thread never
 * waits); the outbox's own writer thread (a {@link StoreWriter} on a connection of its own to the store's file)
 * numbers each message, renders it and inserts it in one transaction, so a number is given out exactly once and never
 * lost to a crash between numbering and storing. Rows leave on {@link #acknowledged} (the broker's PUBACK) or when
 * {@link OutboxLimits} trim them, which is itself reported as an {@code outbox.trimmed} event message; messages the
 * full hand-over queue had to drop, and those whose write was given up, are reported as an {@code outbox.dropped}
 * event message (every 10 s at most, and at the stop; what the stop cannot store is said by the next start:
 * {@link UnsaidDrops}). A
 * message the broker will not take is {@link #setAside}: moved to a table of its own and reported as an
 * {@code outbox.setAside} event message (the first on a topic at once, later ones in one event every 10 minutes), so
 * one such message does not hold back all that follow it.
 *
 * <p>Session messages are not offered: {@link #storeEndedSessions} makes them from the store's {@code sessions} table,
 * storing each and marking its row in one transaction (a transactional outbox), so an ended session's message is
 * stored exactly once whatever stops the gateway, and whichever thread commits first. It runs when asked (at start and
 * after each ended session's row is committed) and on every tick.
 *
 * <p>A message stamped while the wall clock is not set (earlier than its {@link ClockFloor}, as after a power cut on a
 * box without a battery-backed clock) is stored held ({@link OutboxTable#CLOCK_NOT_SET}), and holds back every later
 * message but {@code state}. The writer looks at the clock and the monotonic ticker at every write and tick
 * ({@link ClockWatch}); once it finds the clock set, it corrects the held messages by the step and releases them, in
 * the same transaction. Session messages made meanwhile are held likewise; made later from rows the unset clock
 * stamped, their times are corrected by the step too. A {@code state} message is not held (the grid company must
 * know the gateway is up): it is stamped with the floor, a lower bound, and says {@code "clockSet": false}. Messages
 * a run that stopped before its clock was set left held are set aside at the next open, their real time unknown, and
 * reported in one {@code outbox.timeUnknown} event message.
 *
 * <p>A write SQLite refuses for a reason that may pass (locked, I/O error, full disk) is kept and tried again with
 * back-off ({@link #RETRY}) until it is committed, so nothing handed over is lost to it; so is one it refuses because
 * the store is damaged while the running gateway moves the store aside (its connections follow the file to the fresh
 * one: {@link StoreConnection}); what a write tells others
 * (a held row's future, counters, logs, the link's wake-up) happens only once its transaction is committed.
 */
public final class Outbox implements AutoCloseable {
    public static final String TRIMMED = EventKind.OUTBOX_TRIMMED.code();
    public static final String DROPPED = EventKind.OUTBOX_DROPPED.code();
    public static final String SET_ASIDE = EventKind.OUTBOX_SET_ASIDE.code();
    public static final String TIME_UNKNOWN = EventKind.OUTBOX_TIME_UNKNOWN.code();
    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);

    private static final ObjectMapper STATE_JSON = Envelope.mapper();

    /** {@link #store}'s {@code held} for a message numbered and rendered but not inserted. */
    private static final int NOT_STORED = -1;

    private final Database db;
    private final Topics topics;
    private final Clock clock;
    private final OutboxLimits limits;
    private final StoreConnection writerConnection;
    private final StoreConnection readerConnection;
    private final StoreWriter writer;
    private final AtomicLong trimmed = new AtomicLong();
    private final AtomicLong setAside = new AtomicLong();
    private final AtomicLong timeUnknown = new AtomicLong();
    /**
     * Messages offered whose write was given up, since start, per cause, and how many of each an {@code outbox.dropped}
     * event said; written on the writer thread, read there once it has stopped (and by close()'s line when it did not
     * stop in time).
     */
    private final GivenUpCounts givenUp = new GivenUpCounts();
    /** What a run before dropped and could not say ({@link UnsaidDrops}), a cause each; empty once said. */
    private volatile List<UnsaidDrops> before;
    private volatile boolean stopping;
    private volatile boolean closed;
    private final Ticker ticker;
    /** Writer thread only (and the constructor, before the writer starts). */
    private final ClockWatch watch;
    /** A step found and the held rows not yet corrected by it in a committed transaction; writer thread only. */
    private boolean restampDue;
    /**
     * A refused topic's set-asides after its first are said in one event every 10 minutes at most (docs/upstream.md,
     * "Bounds"); writer thread only.
     */
    private final RefusedTopics refused = new RefusedTopics(SET_ASIDE_SAID_EVERY);
    static final Duration SET_ASIDE_SAID_EVERY = Duration.ofMinutes(10);
    /** Topics whose state {@link #refused} restores if the transaction under way is rolled back; writer thread only. */
    private final Set<String> refusedKept = new HashSet<>();
    /**
     * The other writes the full queue dropped (the messages it dropped are the writer's count,
     * {@link StoreWriter#droppedMessages()}, the one its overflow event says too).
     */
    private final AtomicLong othersDropped = new AtomicLong();
    /** The pair a clean stop kept for this start, until the link takes it ({@link #takeKeptPair}). */
    private HeldPair keptPair;
    /** {@link #othersDropped} logged already; writer thread only. */
    private long othersDroppedSaid;
    /** Drops already reported in an {@code outbox.dropped} message; written on the writer thread only. */
    private volatile long dropsReported;
    private volatile Runnable onStored = () -> { };
    /** A write SQLite refuses for a while is tried again as the store keeps its own (after 1 s, doubling to 30 s). */
    static final StoreWriter.Retry RETRY = StoreWriter.KEPT;

    private Outbox(Database db, Topics topics, Clock clock, OutboxLimits limits, Duration trimEvery, Ticker ticker,
                   ClockFloor floor) {
        this.db = db;
        this.topics = topics;
        this.clock = clock;
        this.ticker = ticker;
        this.watch = new ClockWatch(floor);
        // The first look, before anything of this run is stamped: what the clock says from here on is this run's.
        watch.see(clock.instant(), ticker.now());
        this.limits = limits;
        // The writer's commits are what the contract promises not to lose once stored: synced at each commit. It reads
        // the sessions the store's writer commits and writes on what it read: each transaction takes the write lock at
        // BEGIN, for in WAL one that read before the store's commit could not write after it (SQLITE_BUSY_SNAPSHOT).
        this.writerConnection = StoreConnection.open(db, SynchronousMode.FULL, TransactionMode.IMMEDIATE);
        this.readerConnection = StoreConnection.open(db, SynchronousMode.NORMAL, TransactionMode.DEFERRED);
        List<Long> unsentOnlines = new ArrayList<>();
        try (StoreConnection.Lease lease = writerConnection.lease()) {
            Connection c = lease.connection();
            // A pair a clean stop kept, no broker having accepted it: the next connection's, as if this run had
            // stored it, rather than an online set aside and a stale offline sent for every restart.
            List<OutboxRow> kept = OutboxTable.kept(c);
            OutboxTable.holdKept(c);
            keptPair = keptPair(kept);
            if (keptPair == null && !kept.isEmpty()) {
                LOG.warn("outbox {}: the messages {} kept by the stop before are not one online and its will; held as"
                        + " a run before left them", db.file(), kept.stream().map(OutboxRow::seq).toList());
            }
            // A run that ignores kept rows (a gateway older than 2026-12-02, downgraded to and back) numbers state
            // messages of its own after the kept will: published now, the kept online would come below them.
            if (keptPair != null && !OutboxTable.onlyWaitingAfter(c, keptPair.will().seq(), keptPair.will().topic())) {
                LOG.warn("outbox {}: the online and will kept by the stop before (messages {} and {}) are not"
                        + " connected with: messages numbered after them are state messages, or are no longer"
                        + " waiting (a run that did not take them published, or the outbox trimmed them); held as a"
                        + " run before left them", db.file(), keptPair.online().seq(), keptPair.will().seq());
                keptPair = null;
            }
            // Wills held by a process that is gone: the broker may or may not have published them; publishing them
            // again is harmless (consumers de-duplicate by id), losing them is not. An "online" still held was never
            // acknowledged: its process ended while connecting, and if the broker had accepted that connection it
            // published the will, numbered after it; sent now, it could arrive after that will. It is set aside.
            for (OutboxRow r : OutboxTable.held(c)) {
                if (keptPair != null && (r.seq() == keptPair.online().seq() || r.seq() == keptPair.will().seq())) {
                    continue;
                }
                if (isOnline(r)) {
                    unsentOnlines.add(r.seq());
                } else {
                    OutboxTable.release(c, r.seq());
                }
            }
            LOG.info("outbox {}: {} messages waiting from before", db.file(), OutboxTable.count(c));
        } catch (SQLException e) {
            if (!StoreCheck.isDamage(e)) {
                closeQuietly();
                throw new StoreException(FullDisk.failure("cannot open the outbox in", db.file(), e), e);
            }
            // A damaged page is no reason to leave the piles without coordination (docs/operations.md, "A damaged
            // store"): the store is marked, and the next start moves it aside with what can be read of the messages.
            LOG.warn("outbox {}: the messages held by a run before could not be read at start ({}); they stay held, "
                    + "unpublished, until the next start salvages them", db.file(), e.getMessage());
            unsentOnlines.clear();
            keptPair = null;
            db.damagedRead("the outbox's held messages at start", e, clock.instant());
        }
        this.before = UnsaidDrops.read(db.file());
        // Last at a stop, once what was queued is written or given up: what was dropped or given up and not said yet is
        // said now, so that a stop does not take the count with it.
        this.writer = new StoreWriter(writerConnection, clock, limits.queueCapacity(), this::tick, trimEvery,
                c -> reportDrops(c, clock.instant()), RETRY);
        this.writer.onDamaged(e -> db.damaged(e, clock.instant()));
        // Said as the outbox's, not the store's (whose queue is another), with the messages among the writes apart.
        this.writer.overflow("outbox", Outbox::overflowEvent);
        // After the writer's last write, on its thread, even when that ends after close() stopped waiting for it: what
        // the last write committed is then known, and nothing is left for the next start that it said already.
        this.writer.onStopped(this::stopped);
        // Started once assigned: the tick and the last write reach the writer through this field, on its thread.
        this.writer.start();
        // First in the queue: every row held for the clock is then one a run before this left (the set-asides below
        // store events of this run).
        offerOther("the set-aside of messages whose time is unknown", this::setAsideTimeUnknown);
        if (!before.isEmpty()) {
            offerOther("the report of drops", c -> reportDrops(c, clock.instant()));
        }
        for (long seq : unsentOnlines) {
            setAside(seq, "the process that stored it ended before the broker acknowledged it, and the broker may have"
                    + " published that connection's will already; sent now, it could arrive after it");
        }
    }

    /** {@code kept} if it is an online of this gateway's state topic and the will it names, else null. */
    private HeldPair keptPair(List<OutboxRow> kept) {
        if (kept.size() != 2 || !isOnline(kept.get(0))) {
            return null;
        }
        OutboxRow online = kept.get(0);
        OutboxRow will = kept.get(1);
        try {
            JsonNode o = STATE_JSON.readTree(online.payload());
            JsonNode w = STATE_JSON.readTree(will.payload());
            boolean pair = will.topic().equals(online.topic()) && o.path("will").asLong() == will.seq()
                    && StateBody.OFFLINE.state().equals(w.path("state").asText());
            return pair ? new HeldPair(online, will) : null;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * The online and will a clean stop kept for this start ({@link #keepPair}), once: the link connects with them
     * rather than ask for a new pair. Empty when there were none, or when they were asked for already.
     */
    public Optional<HeldPair> takeKeptPair() {
        synchronized (this) {
            HeldPair p = keptPair;
            keptPair = null;
            return Optional.ofNullable(p);
        }
    }

    /**
     * At a clean stop: the held pair of a connection no broker accepted is kept for the next start, which connects
     * with it. Its online was never sent and its will never given to a broker that took it, so nothing is stale;
     * without this, the next start would set the online aside and send the will, an {@code offline} for every
     * restart while the broker is down.
     */
    public void keepPair(HeldPair pair) {
        offerOther("the held online and will kept for the next start",
                c -> OutboxTable.keep(c, pair.online().seq(), pair.will().seq()));
    }

    private boolean isOnline(OutboxRow r) {
        if (!r.topic().equals(topics.of(MessageKind.STATE.topic()))) {
            return false;
        }
        try {
            return StateBody.ONLINE.state().equals(STATE_JSON.readTree(r.payload()).path("state").asText());
        } catch (IOException e) {
            LOG.warn("outbox: held message {} on {} is not JSON ({}); released as it is", r.seq(), r.topic(),
                    e.getMessage());
            return false;
        }
    }

    /** Opens the outbox in the store's file (migration 2 must have run: open the {@code Store} first). */
    public static Outbox open(Database db, Topics topics, Clock clock, OutboxLimits limits) {
        return open(db, topics, clock, limits, Ticker.SYSTEM, ClockFloor.NONE);
    }

    /**
     * As above, holding what is stamped while {@code clock} is earlier than {@code floor} until it is set, and
     * correcting it then by the step measured on {@code ticker}.
     */
    public static Outbox open(Database db, Topics topics, Clock clock, OutboxLimits limits, Ticker ticker,
                              ClockFloor floor) {
        return new Outbox(db, topics, clock, limits, Duration.ofSeconds(10), ticker, floor);
    }

    /**
     * Messages offered whose write was given up since start: refused as damaged while a move aside of the store failed,
     * refused for a reason that does not pass, or still failing at the stop. They had no number yet, so they leave no
     * gap; an {@value #DROPPED} event says how many once the store takes it (the next tick, the move aside, the stop,
     * or the next start: {@link UnsaidDrops}).
     */
    public long givenUp() {
        return givenUp.total();
    }

    /**
     * The store was moved aside (at this start, or while running): its event, naming where the fresh store's numbers
     * begin ({@code seqFrom}), so the grid side counts a jump to there as no loss (docs/upstream.md, "events"); and, if
     * messages were dropped or given up and not said yet (the damaged store took no event), an {@value #DROPPED}
     * event saying how many.
     */
    public void storeMovedAside(StoreDamage damage) {
        StoreEvent e = damage.event();
        offer(e.time(), EventBody.numbersFrom(e.kind(), e.subject(), e.message(), damage.firstSeq()));
        offerOther("the report of drops", c -> reportDrops(c, e.time()));
    }

    /** Runs after every stored message, on the writer thread: the publisher's wake-up. */
    public void onStored(Runnable r) {
        onStored = r;
    }

    /** Queues a message about {@code ts}; false when the queue is full (counted in {@link #dropped()}). Never waits. */
    public boolean offer(Instant ts, Body body) {
        return offerMessage(c -> {
            store(c, ts, body, false);
            writer.onCommit(onStored);
        });
    }

    /**
     * Queues {@code w}, which stores one message: given up, it is counted and said ({@link #givenUp()}); dropped by
     * the full queue, likewise ({@link #dropped()}).
     */
    private boolean offerMessage(Write w) {
        return writer.offer(new Write() {
            @Override
            public void apply(Connection c) throws SQLException {
                w.apply(c);
            }

            @Override
            public void givenUp(SQLException why) {
                givenUp.add(why, stopping);
            }

            @Override
            public String what() {
                return "an upstream message";
            }

            @Override
            public boolean storesMessage() {
                return true; // dropped, counted by the writer: dropped()
            }
        });
    }

    /**
     * Queues {@code w}, which stores no message of its own (an acknowledgement, a release, a set-aside, a cue for the
     * tick or the session messages): dropped by the full queue, it is counted apart from the messages
     * ({@link #otherWritesDropped()}) and logged, not said as messages lost (its row stays, and is sent again, released
     * or set aside later; a cue's work is done by the next tick).
     */
    private boolean offerOther(String what, Write w) {
        boolean queued = writer.offer(Write.named(what, w));
        if (!queued) {
            othersDropped.incrementAndGet();
        }
        return queued;
    }

    /**
     * Stores a message that is held back from publishing (the last will of the connection being made): it is
     * published by the broker if the connection dies, or by the gateway after {@link #release}. The future completes
     * once the row is committed, or exceptionally when the write is given up (then nothing was stored); while the
     * write is kept and tried again it stays pending, however long that takes, so a caller waiting for the row must
     * keep waiting on this future rather than ask for another (which would be stored too, and held).
     */
    public CompletableFuture<OutboxRow> storeHeld(Instant ts, Body body) {
        CompletableFuture<OutboxRow> done = new CompletableFuture<>();
        // Completed only once the row is committed: a batch rolled back after the write, or the write failing and
        // being tried again, would otherwise give out a number that is not stored (and may be given again).
        boolean queued = writer.offer(new Write() {
            @Override
            public void apply(Connection c) throws SQLException {
                OutboxRow row = store(c, ts, body, true);
                writer.onCommit(() -> done.complete(row));
            }

            @Override
            public void givenUp(SQLException why) {
                done.completeExceptionally(new StoreException("storing a held " + body.messageKind().topic()
                        + " message was given up: " + why.getMessage(), why));
            }

            @Override
            public String what() {
                return "a held " + body.messageKind().topic() + " message";
            }
        });
        if (!queued) {
            othersDropped.incrementAndGet(); // the link asks for another: not a message lost
            done.completeExceptionally(new StoreException("outbox queue full or stopping; cannot store the last will", null));
        }
        return done;
    }

    /** The held pair of a connection: its {@code online}, which names the will's number, and the will. */
    public record HeldPair(OutboxRow online, OutboxRow will) {
    }

    /**
     * Stores the held pair of the connection being made in one transaction: {@code online} numbered just before the
     * will, and naming it ({@code "will": N}), so the grid side knows which number is held while the connection
     * lasts. {@code stored} false only numbers them, as for the pair of each connection while the store is damaged
     * (their rows cannot be stored; {@code upstream_seq} may still be written, so numbers are not given twice). The
     * request's future completes as {@link #storeHeld}'s does; a link that stops before it takes the pair has it kept
     * for the next start ({@link PairRequest#keepForNextStart}).
     */
    public PairRequest storeHeldPair(Instant ts, boolean stored) {
        PairRequest request = new PairRequest(this::keepPair);
        boolean queued = writer.offer(new Write() {
            @Override
            public void apply(Connection c) throws SQLException {
                // Read in the transaction (again when it is tried again): a stop that came before it is kept.
                int held = stored ? request.held() : NOT_STORED;
                writer.onRollback(request::rolledBack);
                // Nothing else is numbered in this transaction: the will is the number after the online's.
                beginNumbering(c);
                long will = OutboxTable.lastSeq(c) + 2;
                OutboxRow o = store(c, ts, StateBody.online(will), held);
                OutboxRow w = store(c, ts, StateBody.OFFLINE, held);
                if (o.seq() + 1 != will || w.seq() != will) {
                    throw new IllegalStateException("the held pair was numbered " + o.seq() + " and " + w.seq()
                            + ", not " + (will - 1) + " and " + will + " as its online says");
                }
                writer.onCommit(() -> request.committed(new HeldPair(o, w), held));
            }

            @Override
            public void givenUp(SQLException why) {
                request.givenUp(new StoreException((stored ? "storing" : "numbering")
                        + " the held online and will was given up: " + why.getMessage(), why));
            }

            @Override
            public String what() {
                return "the held online and will";
            }
        });
        if (!queued) {
            othersDropped.incrementAndGet(); // the link asks for another pair: not a message lost
            request.givenUp(new StoreException("outbox queue full or stopping; cannot store the online and last will",
                    null));
        }
        return request;
    }

    /**
     * Whether {@code e}, from a read or write of the outbox, says the store is damaged; if so the store is marked (one
     * ERROR for the whole run, docs/operations.md, "A damaged store") so that the next start moves it aside.
     */
    public boolean damaged(Throwable e) {
        return db.damagedRead("the outbox", e, clock.instant());
    }

    /**
     * Changes each time the store's file is moved aside while running and a fresh one made: what the damaged file
     * refused (a pair not stored, a read that failed) is to be tried again on the fresh one.
     */
    public long storeGeneration() {
        return db.generation();
    }

    /** Makes a held message publishable. */
    public void release(long seq) {
        offerOther("a release of a held message", c -> {
            OutboxTable.release(c, seq);
            writer.onCommit(onStored);
        });
    }

    /** The broker has the message: it leaves the outbox. */
    public void acknowledged(long seq) {
        offerOther("an acknowledged message's delete", c -> OutboxTable.delete(c, seq));
    }

    /**
     * The broker took message {@code seq} on {@code topic} after refusing earlier ones there: those set aside refused
     * and not taken by an earlier one get {@code seq} as their {@code taken_by} (so does {@code seq} itself, if it was
     * set aside before its PUBACK came), and the next start does not take the topic as refused.
     */
    public void refusalsTaken(String topic, long seq) {
        offerOther("a refusal's end", c -> OutboxTable.refusalsTaken(c, topic, seq));
    }

    /**
     * Per topic of this gateway, the newest message set aside because the broker refused it and no later message on
     * that topic taken since, as this run and the runs before left them (a query; for the link's start).
     */
    public Map<String, Long> refusedNotTaken() {
        try (StoreConnection.Lease lease = readerConnection.lease()) {
            return OutboxTable.refusedNotTaken(lease.connection(), topics.root());
        } catch (SQLException e) {
            throw new StoreException("reading the messages the broker refused failed: " + e.getMessage(), e);
        }
    }

    /**
     * Message {@code seq} is not to be sent, for a reason other than the broker's refusal ({@code reason} says which;
     * a refusal is {@link #setAside(long, BrokerRefusal)}): it leaves the outbox for the {@code outbox_set_aside}
     * table, in one transaction with an event stored and published that names it when it is the first on its topic
     * for {@link #SET_ASIDE_SAID_EVERY} (later ones are counted and said in one event when that much time has passed).
     * A set-aside event that is itself set aside makes no event: on a topic the broker refuses, each would be refused
     * in turn.
     */
    public void setAside(long seq, String reason) {
        setAside(seq, reason, false);
    }

    /**
     * The broker would not take message {@code seq}: set aside as {@link #setAside(long, String)} does, and marked
     * refused, so that a later start knows its topic refused until the broker takes a later message there
     * ({@link #refusalsTaken}, {@link #refusedNotTaken}).
     */
    public void setAside(long seq, BrokerRefusal refusal) {
        setAside(seq, refusal.reason(), true);
    }

    private void setAside(long seq, String reason, boolean refusedByBroker) {
        offerOther("a set-aside", c -> {
            Instant now = clock.instant();
            OutboxRow row = OutboxTable.setAside(c, seq, now, reason, refusedByBroker);
            if (row == null) {
                return;
            }
            String text = "message " + seq + " (" + row.topic() + ", " + row.payload().length + " bytes) set aside: "
                    + reason;
            boolean note = isSetAsideEvent(row);
            keepRefused(row.topic());
            boolean sayNow = refused.sayNow(row.topic(), now, seq, reason, !note);
            if (sayNow && !note) {
                report(c, now, EventKind.OUTBOX_SET_ASIDE, text, new SkippedSeqs(seq, seq), EventKind.FORM, "one",
                        "seq", seq, "topic", row.topic(), "bytes", row.payload().length);
            }
            writer.onCommit(() -> {
                setAside.incrementAndGet();
                if (note) {
                    // Bounded: set-aside events are one per refused topic per 10 minutes at most.
                    LOG.error("outbox: {} (a set-aside event itself: no event is made of it)", text);
                } else if (!sayNow) {
                    LOG.debug("outbox: {}", text);
                } else {
                    LOG.error("outbox: {} (more on {} within {} minutes are counted and said in one event)", text,
                            row.topic(), SET_ASIDE_SAID_EVERY.toMinutes());
                }
            });
        });
    }

    /**
     * Puts {@code topic}'s refusal state back as it was before the transaction under way if that is rolled back (the
     * write is then tried again, and counts again).
     */
    private void keepRefused(String topic) {
        if (refusedKept.isEmpty()) {
            writer.onCommit(refusedKept::clear);
            writer.onRollback(refusedKept::clear);
        }
        if (refusedKept.add(topic)) {
            RefusedTopics.Topic before = refused.state(topic);
            writer.onRollback(() -> refused.restore(topic, before));
        }
    }

    /** Whether {@code row} is an {@code outbox.setAside} event (a per-message one or a summary). */
    private boolean isSetAsideEvent(OutboxRow row) {
        if (!row.topic().equals(topics.of(MessageKind.EVENT.topic()))) {
            return false;
        }
        try {
            return SET_ASIDE.equals(STATE_JSON.readTree(row.payload()).path("kind").asText());
        } catch (IOException e) {
            // Every payload the outbox renders is JSON; one that is not was not rendered as a set-aside event.
            return false;
        }
    }

    /** The refusals counted since a topic's last set-aside event, said in one once it is due. */
    private void reportRefusals(Connection c, Instant now) throws SQLException {
        for (RefusedTopics.Summary s : refused.due(now)) {
            keepRefused(s.topic());
            refused.said(s.topic(), now);
            String text = s.count() + " more messages on " + s.topic() + " (seq " + s.firstSeq() + ".." + s.lastSeq()
                    + ") set aside since " + s.since() + ", the last: " + s.lastReason();
            // Not every number of the range is on this topic: the grid side takes the range as explaining those of
            // them that never arrive, as it does a trim's.
            report(c, now, EventKind.OUTBOX_SET_ASIDE, text, new SkippedSeqs(s.firstSeq(), s.lastSeq()),
                    EventKind.FORM, "more", "count", s.count(), "topic", s.topic(), "firstSeq", s.firstSeq(),
                    "lastSeq", s.lastSeq(), "since", s.since());
            writer.onCommit(() -> LOG.error("outbox: {}", text));
        }
    }

    /** Messages set aside since start because a run before stopped before its clock was set. */
    public long timeUnknownCount() {
        return timeUnknown.get();
    }

    /** Messages set aside since start. */
    public long setAsideCount() {
        return setAside.get();
    }

    /** Messages in the set-aside table (a query; not for the control thread). */
    public long setAsideStored() {
        try (StoreConnection.Lease lease = readerConnection.lease()) {
            return OutboxTable.countSetAside(lease.connection());
        } catch (SQLException e) {
            throw new StoreException("counting the messages set aside failed: " + e.getMessage(), e);
        }
    }

    /** Waits until what was queued so far is committed (never on the control thread). */
    public boolean flush(Duration timeout) throws InterruptedException {
        return writer.flush(timeout);
    }

    /**
     * Publishable messages after {@code afterSeq}, oldest first: on {@code kindTopic} when {@code sameTopic}, else on
     * every other topic. For the publisher's thread only (one reader connection).
     */
    public List<OutboxRow> next(long afterSeq, String topic, boolean sameTopic, int limit) {
        try (StoreConnection.Lease lease = readerConnection.lease()) {
            return OutboxTable.after(lease.connection(), afterSeq, topic, sameTopic, limit);
        } catch (SQLException e) {
            throw new StoreException("reading the outbox failed: " + e.getMessage(), e);
        }
    }

    /** When the next message in line to be published was stored; empty when none waits (a query, as {@link #size}). */
    public Optional<Instant> oldestWaiting() {
        try (StoreConnection.Lease lease = readerConnection.lease()) {
            return OutboxTable.oldestWaiting(lease.connection());
        } catch (SQLException e) {
            throw new StoreException("reading the outbox's oldest message failed: " + e.getMessage(), e);
        }
    }

    /** Messages waiting (a query; not for the control thread). */
    public long size() {
        try (StoreConnection.Lease lease = readerConnection.lease()) {
            return OutboxTable.count(lease.connection());
        } catch (SQLException e) {
            throw new StoreException("counting the outbox failed: " + e.getMessage(), e);
        }
    }

    /** Messages the hand-over queue was too full to take (offered messages and events; no other write). */
    public long dropped() {
        return writer.droppedMessages();
    }

    /**
     * The page's event for writes the outbox's full queue dropped: how many, and how many of them messages (the count
     * the grid side hears in an {@value #DROPPED} event); the others (acknowledgements, releases, set-asides, held
     * pairs, cues) are done again later. Stored only, not sent.
     */
    private static StoreEvent overflowEvent(Instant at, StoreWriter.Dropped since, StoreWriter.Dropped total,
                                            int capacity) {
        String text = since.writes() + " writes to the upstream outbox dropped, " + since.messages()
                + " of them messages (said upstream in an " + DROPPED + " event; the rest acknowledgements, releases,"
                + " set-asides or cues, done again later): its queue of " + capacity + " was full (" + total.writes()
                + " writes, " + total.messages() + " messages since start)";
        return StoreEvent.of(at, EventKind.OUTBOX_OVERFLOW, "outbox", text, "dropped", since.writes(), "messages",
                since.messages(), "capacity", capacity, "total", total.writes());
    }

    /**
     * Writes other than messages the hand-over queue was too full to take: acknowledgements, releases, set-asides,
     * held pairs, cues. Logged; not in an {@code outbox.dropped} event, as no message is lost with them.
     */
    public long otherWritesDropped() {
        return othersDropped.get();
    }

    /**
     * Writes SQLite refused for a reason that may pass (locked, I/O error, full disk), kept and tried again with
     * back-off; 0 when the last attempt succeeded.
     */
    public int failing() {
        return writer.retrying();
    }

    /** Outbox writes given up since start: refused for a reason that does not pass (logged: docs/operations.md). */
    public long failed() {
        return writer.failed();
    }

    /** Messages trimmed by age or count since start. */
    public long trimmed() {
        return trimmed.get();
    }

    /**
     * Queues the storing of the messages of ended sessions not stored yet (those that ended within {@code maxAge},
     * or were closed as departed unseen); it also runs every 10 s on the writer thread. False when the queue was full.
     */
    public boolean storeEndedSessions() {
        return offerOther("the ended sessions' messages", this::storeEndedSessions);
    }

    private void storeEndedSessions(Connection c) throws SQLException {
        look(c);
        Optional<Instant> unsetSince = watch.unsetSince();
        if (unsetSince.isPresent()) {
            // Made now and held with the others, so that a run that stops before the clock is set counts them too:
            // this run's (ended from the clock's first look on) and those closed as departed unseen.
            for (SessionRecord s : SessionsTable.upstreamDue(c, Instant.MAX, unsetSince.get(), clock.instant())) {
                insert(c, s.departure(), Messages.session(s), OutboxTable.CLOCK_NOT_SET, true);
                SessionsTable.upstreamStored(c, s.id());
            }
            return;
        }
        Optional<ClockStep> step = watch.step();
        // Read under the write lock, which the writer's transaction holds from its BEGIN (IMMEDIATE): the rows read are
        // the newest, and the store's writer cannot commit between this read and the writes on it.
        Instant endedSince = clock.instant().minus(limits.maxAge());
        List<SessionRecord> due = step.isPresent()
                ? SessionsTable.upstreamDue(c, endedSince, step.get().from(), step.get().to())
                : SessionsTable.upstreamDue(c, endedSince);
        for (SessionRecord recorded : due) {
            SessionRecord s = step.map(st -> corrected(recorded, st)).orElse(recorded);
            insert(c, s.departure(), Messages.session(s), OutboxTable.PUBLISHABLE, true);
            SessionsTable.upstreamStored(c, s.id());
        }
        if (!due.isEmpty()) {
            writer.onCommit(onStored);
        }
    }

    /** Runs the tick now (session messages left behind, drops, trim); it also runs every 10 s on the writer thread. */
    public void trimNow() {
        offerOther("the tick", this::tick);
    }

    /** A session's times as recorded, those the clock gave while it was not set corrected by the step that set it. */
    private static SessionRecord corrected(SessionRecord s, ClockStep step) {
        return new SessionRecord(s.id(), s.pile(), step.correct(s.arrival()), step.correct(s.departure()),
                step.correct(s.declaredDeparture()), s.declaredKWh(), s.deliveredKWh(), s.full(), s.departureSeen(),
                step.correct(s.lastSeen()), s.pileEnergyKWh());
    }

    /**
     * Stores a message stamped {@code ts} by this run's clock just now (a will when {@code will}). A time earlier than
     * the floor is the clock's while it was not set: corrected by the step when it is known (the clock was set after
     * the stamp), else the message is held for it; a {@code state} message, which must go out, is stamped with the
     * floor and marked instead.
     */
    private OutboxRow store(Connection c, Instant ts, Body body, boolean will) throws SQLException {
        return store(c, ts, body, will ? OutboxTable.WILL : OutboxTable.PUBLISHABLE);
    }

    /** As above, {@code held} as stored ({@link #NOT_STORED}: numbered and dated the same way, not inserted). */
    private OutboxRow store(Connection c, Instant ts, Body body, int held) throws SQLException {
        look(c);
        beginNumbering(c);
        if (watch.floor().plausible(ts)) {
            return insert(c, ts, body, held, true);
        }
        Optional<ClockStep> step = watch.step();
        if (step.isPresent()) {
            return insert(c, ts.plus(step.get().by()), body, held, true);
        }
        if (body instanceof StateBody) {
            return insert(c, watch.floor().at(), body, held, false);
        }
        return insert(c, ts, body, OutboxTable.CLOCK_NOT_SET, true);
    }

    private OutboxRow insert(Connection c, Instant ts, Body body, int held, boolean clockSet) throws SQLException {
        long seq = OutboxTable.nextSeq(c);
        OutboxRow row = new OutboxRow(seq, topics.of(body.messageKind().topic()),
                Envelope.render(topics.gatewayId(), seq, ts, body, clockSet), body.messageKind().retained(),
                clock.instant());
        if (held != NOT_STORED) {
            OutboxTable.insert(c, row, held);
        }
        return row;
    }

    /**
     * A store that never gave a number (a new gateway's, or one made after the operator moved or deleted the old), or
     * one restored from a backup ({@code orderly restore}, which begins its numbers again):
     * its numbers begin at the milliseconds of the clock, not at 1, so no id an earlier store of this gateway gave is
     * given again (an earlier store counted from 1, or from its own start's milliseconds, by one a message, far slower
     * than time). While the clock is not set they begin far above its floor's, at a random offset
     * ({@link UnsetClockNumbers}): the floor alone gave every store begun so the same numbers. Its first message says
     * so: a {@code store.numbered} event
     * naming that number ({@code seqFrom}), so the grid side counts the jump to it as no loss (docs/upstream.md,
     * "events"). In the caller's transaction: rolled back, the next write begins again.
     */
    private void beginNumbering(Connection c) throws SQLException {
        if (OutboxTable.lastSeq(c) != 0 || watch.floor().equals(ClockFloor.NONE)) {
            // Numbered before; or no floor to judge the clock by (simulations and tests that set their own clocks):
            // their numbers begin at 1.
            return;
        }
        Instant now = clock.instant();
        boolean clockSet = watch.floor().plausible(now);
        Instant floor = watch.floor().at().isBefore(Instant.EPOCH) ? Instant.EPOCH : watch.floor().at();
        long first = clockSet ? now.toEpochMilli() : UnsetClockNumbers.first(floor);
        if (first <= 1) {
            return; // a clock at 1970 with no floor (a test's): 1 is where the numbers began before
        }
        boolean restored = OutboxTable.restored(c);
        OutboxTable.numberedUpTo(c, first - 1);
        String file = db.file().toString();
        NumbersBegun begun = NumbersBegun.of(restored, clockSet);
        String text = begun.text(first, floor + ", " + watch.floor().source());
        EventsTable.insert(c, StoreEvent.of(clockSet ? now : floor, EventKind.STORE_NUMBERED, file, text,
                EventKind.FORM, begun.form(), "file", file, "seqFrom", first));
        store(c, clockSet ? now : floor, EventBody.numbersFrom(EventKind.STORE_NUMBERED.code(), file, text, first),
                false);
        writer.onCommit(() -> LOG.info("outbox {}: {}", db.file(), text));
    }

    /**
     * Looks at the clock; once it is found set after it was not, corrects the messages held for it by the step and
     * releases them, in the caller's transaction (tried again in the next one if that is rolled back).
     */
    private void look(Connection c) throws SQLException {
        if (watch.see(clock.instant(), ticker.now()).isPresent()) {
            restampDue = true;
        }
        Optional<ClockStep> step = watch.step();
        if (!restampDue || step.isEmpty()) {
            return;
        }
        restampDue = false;
        writer.onRollback(() -> restampDue = true);
        ClockStep st = step.get();
        List<OutboxRow> held = OutboxTable.heldForClock(c);
        for (OutboxRow row : held) {
            OutboxTable.restamped(c, row.seq(), Envelope.restamp(row.payload(), st));
        }
        OutboxTable.shiftCreated(c, st.from(), st.to(), st.by());
        writer.onCommit(() -> {
            LOG.info("outbox: the clock is set (stepped by {}); {} messages stamped while it was not are corrected by"
                    + " the step and released", st.by(), held.size());
            onStored.run();
        });
        // Session messages waited for the clock; made in a write of their own, after this one.
        offerOther("the ended sessions' messages", this::storeEndedSessions);
    }

    /**
     * Messages held for the clock by a run that stopped before it was set: no step will ever be known for them. Set
     * aside (kept for {@code maxAge}) and reported in one numbered event.
     */
    private void setAsideTimeUnknown(Connection c) throws SQLException {
        Instant now = clock.instant();
        OutboxTable.Unknown u = OutboxTable.setAsideHeldForClock(c, now, "stamped by a clock that was not set, in a"
                + " run that stopped before it was set: its real time is unknown");
        if (u.count() == 0) {
            return;
        }
        String text = u.count() + " messages (seq " + u.firstSeq() + ".." + u.lastSeq() + "; " + u.byTopic()
                + ") stored from " + u.earliest() + " to " + u.latest() + " by a clock that was not set, in a run that"
                + " stopped before it was set: their real time is unknown, so they are not sent (set aside, kept for "
                + SaidDuration.inHours(limits.maxAge()) + ")";
        report(c, now, EventKind.OUTBOX_TIME_UNKNOWN, text, new SkippedSeqs(u.firstSeq(), u.lastSeq()),
                "count", u.count(), "firstSeq", u.firstSeq(), "lastSeq", u.lastSeq(), "earliest", u.earliest(),
                "latest", u.latest());
        writer.onCommit(() -> {
            timeUnknown.addAndGet(u.count());
            LOG.warn("outbox: {}", text);
        });
    }

    /** Every tick: the session messages a missed cue left behind, then the trim. */
    private void tick(Connection c) throws SQLException {
        storeEndedSessions(c);
        trim(c);
    }

    private void trim(Connection c) throws SQLException {
        Instant now = clock.instant();
        reportDrops(c, now);
        reportRefusals(c, now);
        OutboxTable.trimSetAside(c, now.minus(limits.maxAge()));
        OutboxTable.Trim t = OutboxTable.trim(c, now.minus(limits.maxAge()), limits.maxMessages());
        if (t.count() == 0) {
            return;
        }
        String text = t.count() + " unsent messages trimmed (seq " + t.firstSeq() + ".." + t.lastSeq()
                + "): older than " + SaidDuration.inHours(limits.maxAge()) + " or beyond " + limits.maxMessages() + " waiting";
        report(c, now, EventKind.OUTBOX_TRIMMED, text, new SkippedSeqs(t.firstSeq(), t.lastSeq()),
                "count", t.count(), "firstSeq", t.firstSeq(), "lastSeq", t.lastSeq());
        writer.onCommit(() -> {
            trimmed.addAndGet(t.count());
            LOG.warn("outbox: {}", text);
        });
    }

    /**
     * An outbox event that skips numbers on purpose, in the store's events and as a numbered message of its own that
     * names them in its {@code skipped} field too, in the caller's transaction.
     */
    private void report(Connection c, Instant now, EventKind kind, String text, SkippedSeqs skipped, Object... args)
            throws SQLException {
        report(c, now, kind, "outbox", text, skipped, args);
    }

    private void report(Connection c, Instant now, EventKind kind, String subject, String text, SkippedSeqs skipped,
                        Object... args) throws SQLException {
        report(c, now, kind, new EventBody(kind.code(), subject, text, skipped), args);
    }

    /** {@code body}, an event of {@code kind}, in the store's events and as a message to publish. */
    private void report(Connection c, Instant now, EventKind kind, EventBody body, Object... args) throws SQLException {
        EventsTable.insert(c, StoreEvent.of(now, kind, body.subject(), body.message(), args));
        store(c, now, body, false);
        writer.onCommit(onStored);
    }

    /**
     * An event of the upstream side itself ({@code kind}, about {@code subject}, with its arguments as name, value
     * pairs: {@link StoreEvent#of}): recorded in the store's events (the page's list) and stored as a message to
     * publish, in one transaction. Never waits.
     */
    public void event(EventKind kind, String subject, String text, Object... args) {
        offerMessage(c -> report(c, clock.instant(), kind, subject, text, null, args));
    }

    /**
     * As {@link #event(EventKind, String, String, Object...)}, an event whose message carries fields of its kind beside
     * its text ({@code cap.accepted}'s {@code meet}), stamped {@code ts}.
     */
    public void event(Instant ts, EventKind kind, EventBody body, Object... args) {
        offerMessage(c -> report(c, ts, kind, body, args));
    }

    /**
     * Messages dropped or given up before they were numbered leave no gap in the numbers, so the grid side would not
     * notice: say how many went, in a numbered event for each cause (the full queue, writes given up, a run before).
     */
    private void reportDrops(Connection c, Instant now) throws SQLException {
        long others = othersDropped.get();
        if (others > othersDroppedSaid) {
            // Logged only: no message went with them (docs/upstream.md, "Every message given up is counted").
            LOG.warn("outbox: {} writes that store no message (acknowledgements, releases, set-asides, held pairs,"
                    + " cues) dropped by the full queue ({} since start); their rows stay, to be sent again, released"
                    + " or set aside later", others - othersDroppedSaid, others);
            othersDroppedSaid = others;
        }
        long drops = writer.droppedMessages();
        if (drops > dropsReported) {
            long count = drops - dropsReported;
            String text = count + " messages dropped before they were stored: the outbox's queue of "
                    + limits.queueCapacity() + " was full (" + drops + " since start)";
            store(c, now, EventBody.dropped(DROPPED, "outbox", text, count), false);
            // Taken as reported now, so a second tick in the same transaction does not report them again; given back
            // if the transaction is rolled back, so they are reported when it is tried again.
            long before = dropsReported;
            dropsReported = drops;
            writer.onRollback(() -> dropsReported = before);
            writer.onCommit(() -> {
                LOG.warn("outbox: {}", text);
                onStored.run();
            });
        }
        // An event per cause: messages given up for one reason are not said under another's (the last's).
        for (GivenUpCounts.Unsaid u : givenUp.unsaid()) {
            String text = u.count() + " messages dropped before they were stored: " + u.why() + " (" + u.total()
                    + " since start)";
            // Unnumbered, as the full queue's drops: the grid side counts them from the same event (outboxDropped).
            store(c, now, EventBody.dropped(DROPPED, "outbox", text, u.count()), false);
            long saidBefore = givenUp.said(u.cause());
            givenUp.said(u.cause(), u.total());
            writer.onRollback(() -> givenUp.said(u.cause(), saidBefore));
            writer.onCommit(() -> {
                LOG.warn("outbox: {}", text);
                onStored.run();
            });
        }
        List<UnsaidDrops> left = before;
        if (!left.isEmpty()) {
            List<String> texts = new ArrayList<>();
            for (UnsaidDrops u : left) {
                String text = u.count() + " messages dropped before they were stored by the run before this start,"
                        + " which could not say so before it stopped: " + u.why();
                store(c, now, EventBody.dropped(DROPPED, "outbox", text, u.count()), false);
                texts.add(text);
            }
            before = List.of();
            writer.onRollback(() -> before = left);
            writer.onCommit(() -> {
                UnsaidDrops.delete(db.file());
                texts.forEach(text -> LOG.warn("outbox: {}", text));
                onStored.run();
            });
        }
    }

    /** The writer, for tests that look at its connection through a write of their own. */
    StoreWriter writer() {
        return writer;
    }

    /**
     * Stops the writer (what is queued is written, what still fails given up, and what was dropped or given up and not
     * said yet is said in a last write); what even that could not say is left beside the store for the next start
     * ({@link UnsaidDrops}) by the writer's thread once it has stopped, which then closes the connections. A writer
     * that does not stop within {@link #WRITER_WAIT} does so when it stops: one ERROR says how many are unsaid
     * meanwhile.
     */
    @Override
    public void close() {
        close(WRITER_WAIT);
    }

    /**
     * How long {@link #close()} waits for the writer to stop: two transactions, each waiting at most the busy timeout
     * for the lock and then one write (one {@code fsync} of the WAL, 1.6 to 3.2 ms on a disk, docs/benchmarks.md;
     * given 1 s for a slow SD card): the one under way when the stop comes, and the stop's first. Once a stop's
     * transaction is refused for a reason that may pass (the lock still held), the writes left are tried without
     * waiting for the lock ({@link StoreWriter}), each refused at once; what they do not say is left for the next
     * start. A long queue of writes that succeed may take longer: the writer goes on while the stop does (its last
     * write, or the file left, follows when it ends).
     */
    static final Duration WRITER_WAIT = Database.BUSY_TIMEOUT.plus(Duration.ofSeconds(1)).multipliedBy(2);

    /** As {@link #close()}, waiting {@code writerWait} at most for the writer (a test's shorter wait). */
    void close(Duration writerWait) {
        if (closed) {
            return;
        }
        closed = true;
        stopping = true;
        if (!writer.close(writerWait)) {
            // Not left for the next start now: the writer's last write may still say them (said twice), or its
            // commit delete the file (lost). The writer leaves them itself once it stops, and closes the connections.
            LOG.error("outbox: its writer did not stop within {} ms; {} messages dropped or given up and not said yet"
                    + " are said by its last write, or left in {} for the next start, once it stops; should the"
                    + " process end first, they go unsaid", writerWait.toMillis(),
                    unsaid().stream().mapToLong(UnsaidDrops::count).sum(),
                    UnsaidDrops.file(db.file()));
        }
    }

    /** On the writer thread once it has stopped: what its last write could not say is left for the next start. */
    private void stopped() {
        List<UnsaidDrops> left = unsaid();
        if (!left.isEmpty()) {
            UnsaidDrops.write(db.file(), left);
        }
        closeQuietly();
    }

    /** What was dropped or given up and not said in a committed event yet, a cause each. */
    private List<UnsaidDrops> unsaid() {
        List<UnsaidDrops> all = new ArrayList<>();
        long queueFull = writer.droppedMessages() - dropsReported;
        if (queueFull > 0) {
            all.add(new UnsaidDrops(queueFull, "dropped by the full queue"));
        }
        // Only left for the next start: this run's writes that say drops may be done by the time these are refused.
        long atStop = writer.refusedAtStop().messages();
        if (atStop > 0) {
            all.add(new UnsaidDrops(atStop, "offered after the outbox's stop began"));
        }
        givenUp.unsaid().forEach(u -> all.add(new UnsaidDrops(u.count(), u.why())));
        before.forEach(u -> all.add(new UnsaidDrops(u.count(), "by a run before it: " + u.why())));
        return all;
    }

    private void closeQuietly() {
        writerConnection.close();
        readerConnection.close();
    }
}
