package org.orderly.gateway.field;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.orderly.gateway.core.time.Tick;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.gateway.field.modbus.Sleeper;
import org.orderly.text.Count;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread and the cycle every meter poller shares, whatever the protocol: each cycle polls every transformer
 * meter, then pile meters round-robin (continuing where the last cycle stopped) while the cycle has time left (as much
 * as the protocol says the next pile meter's read needs), then waits out the cycle. A cycle that throws is a bug,
 * not a field failure: it is logged and the loop goes on after a cycle's pause. Cycles are timed on the ticker: a step
 * of the wall clock must neither stretch a wait to an hour nor cut it.
 *
 * @param <M> the protocol's meter
 */
public final class PollingLoop<M> {
    private static final Logger LOG = LoggerFactory.getLogger(PollingLoop.class);
    /** Cycles in a row that begin no pile meter before that is said: a few seconds, not one slow cycle. */
    static final int STARVED_AFTER = 10;

    /** Polls one meter; field failures are the poller's to report, not thrown. */
    @FunctionalInterface
    public interface Poll<M> {
        void poll(M meter) throws InterruptedException;
    }

    private final String line;
    private final List<M> transformers;
    private final List<M> piles;
    private final Duration cycle;
    private final boolean atLeastOnePile;
    private final PileRoom<M> pileRoom;
    private final Ticker ticker;
    private final Sleeper sleeper;
    private final Poll<M> poll;
    private int pileCursor;
    /** The pile meter the next cycle's piles begin with ({@link #beginNextCycleWith}), -1 for the round-robin's turn. */
    private int nextCycleBegins = -1;
    /** The pile meter this cycle began with (its index in {@link #piles}). */
    private int cycleBegan = -1;
    private int cyclesWithoutAPile;
    private Tick cycleEnd; // the loop's thread only
    private volatile boolean running;
    private Thread thread;

    /** How much of the cycle must be left to begin a pile meter. */
    @FunctionalInterface
    public interface PileRoom<M> {
        /** Zero to begin {@code pile} while any of the cycle is left. */
        Duration toBegin(M pile);

        /** A pile meter is begun while any of the cycle is left. */
        static <M> PileRoom<M> any() {
            return pile -> Duration.ZERO;
        }
    }

    /**
     * @param line           names the bus or line in log lines, e.g. "bus room"
     * @param atLeastOnePile poll one pile meter every cycle even when the transformer meters used it all up (a slow
     *                       line, where pile meters would otherwise starve)
     * @param pileRoom       how much of the cycle must be left to begin a given pile meter, so that its read ends
     *                       before
     *                       the next cycle's transformer meters are due (a pile not begun stays next in turn); asked
     *                       again each time, as the protocol learns how long each pile meter takes
     */
    public PollingLoop(String line, List<M> transformers, List<M> piles, Duration cycle, boolean atLeastOnePile,
                       PileRoom<M> pileRoom, Ticker ticker, Sleeper sleeper, Poll<M> poll) {
        this.line = Objects.requireNonNull(line, "line");
        this.transformers = List.copyOf(transformers);
        this.piles = List.copyOf(piles);
        this.cycle = Objects.requireNonNull(cycle, "cycle");
        this.atLeastOnePile = atLeastOnePile;
        this.pileRoom = Objects.requireNonNull(pileRoom, "pileRoom");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.poll = Objects.requireNonNull(poll, "poll");
    }

    /** Starts the loop on a daemon thread of this name. */
    public synchronized void start(String threadName) {
        if (thread != null) {
            throw new IllegalStateException(line + " already started");
        }
        running = true;
        thread = new Thread(this::loop, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (running) {
            try {
                runCycle();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                LOG.error("{}: cycle failed unexpectedly; continuing", line, e);
                try {
                    sleeper.sleep(cycle);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        LOG.info("{} stopped", line);
    }

    /**
     * Begins the next cycle's pile meters with {@code pile} (one cut short this cycle), then on in turn from it: a pile
     * meter whose read the one before it leaves no room for (a meter dripping its replies, whose copy is read to its
     * end) would otherwise meet it every cycle, and never be read. From a poll, on the loop's thread.
     */
    public void beginNextCycleWith(M pile) {
        int at = piles.indexOf(pile);
        if (at < 0) {
            throw new IllegalArgumentException(line + ": " + pile + " is no pile meter of this line");
        }
        // Not the one that began this cycle: one cut short while first would begin every cycle, and the meters after
        // it would never have their turn (read59l, 2026-12-07).
        if (at != cycleBegan) {
            nextCycleBegins = at;
        }
    }

    /** One cycle, on the caller's thread (the loop's; tests call it directly). */
    public void runCycle() throws InterruptedException {
        Tick deadline = ticker.now().plus(cycle);
        cycleEnd = deadline;
        try {
            for (M m : transformers) {
                poll.poll(m);
            }
            if (nextCycleBegins >= 0) {
                pileCursor = nextCycleBegins;
                nextCycleBegins = -1;
            }
            cycleBegan = pileCursor;
            int polled = 0;
            for (; polled < piles.size() && ((atLeastOnePile && polled == 0)
                    || roomFor(piles.get(pileCursor), deadline)); polled++) {
                M m = piles.get(pileCursor);
                pileCursor = (pileCursor + 1) % piles.size();
                poll.poll(m);
            }
            countStarvedCycles(polled);
        } finally {
            cycleEnd = null;
        }
        Duration left = deadline.since(ticker.now());
        if (!left.isNegative() && !left.isZero()) {
            sleeper.sleep(left);
        }
    }

    /**
     * Says when the transformer meters' reads have left no room to begin a pile meter for {@link #STARVED_AFTER}
     * cycles, and when one is read again: otherwise the pile meters of such a bus are just never read.
     */
    private void countStarvedCycles(int polled) {
        if (piles.isEmpty()) {
            return;
        }
        if (polled > 0) {
            if (cyclesWithoutAPile >= STARVED_AFTER) {
                LOG.info("{}: a pile meter begun again after {} cycles with none", line, cyclesWithoutAPile);
            }
            cyclesWithoutAPile = 0;
        } else if (++cyclesWithoutAPile == STARVED_AFTER) {
            LOG.warn("{}: no pile meter begun in {} cycles of {}: after the transformer meter reads less than the {} the"
                    + " next pile meter's read needs is left of a cycle, so its {} {} unread; give the transformer meter a bus"
                    + " of its own, or shorten the bus's timeout", line, STARVED_AFTER, cycle,
                    pileRoom.toBegin(piles.get(pileCursor)), Count.of(piles.size(), "pile meter"),
                    Count.word(piles.size(), "goes", "go"));
        }
    }

    private boolean roomFor(M pile, Tick deadline) {
        Duration room = pileRoom.toBegin(pile);
        if (room.isNegative()) {
            throw new IllegalStateException(line + ": negative room " + room + " for pile meter " + pile);
        }
        Tick now = ticker.now();
        return room.isZero() ? now.isBefore(deadline) : !deadline.isBefore(now.plus(room));
    }

    /**
     * When the cycle in progress ends, the next one's transformer meters due: a poll keeps what it may stretch (a
     * meter's retries) within it. Empty outside a cycle's polls. On the loop's thread only.
     */
    public Optional<Tick> cycleEnd() {
        return Optional.ofNullable(cycleEnd);
    }

    /** Stops the thread, waiting up to {@code wait} for a poll in progress to end. */
    public void stop(Duration wait) {
        Thread t;
        synchronized (this) {
            running = false;
            t = thread;
        }
        if (t != null) {
            t.interrupt();
            try {
                t.join(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
