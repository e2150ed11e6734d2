package org.orderly.gateway.upstream.outbox;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The held online and will the link asked the outbox to store for its next connection ({@link Outbox#storeHeldPair}),
 * until the link takes them. A link that stops before it takes them never offers them to a broker, so
 * {@link #keepForNextStart} has them kept for the next start as a clean stop keeps a pair no broker was offered
 * ({@link Outbox#keepPair}), however far their write got: not yet written (or tried again later), they are written
 * kept; written held, they are kept by a write queued at the stop, before the outbox's own. Left held, the next start
 * set the online aside (an ERROR and an {@code outbox.setAside} event) and sent the will, an {@code offline} of a
 * connection never tried (until 2026-12-06: {@code UpstreamStopWhilePairStoredTest}).
 */
public final class PairRequest {
    private static final Logger LOG = LoggerFactory.getLogger(PairRequest.class);
    /** How long a stop waits for a transaction that wrote the pair held to end: a commit, at most a busy timeout. */
    private static final long DECIDED_WAIT_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final CompletableFuture<Outbox.HeldPair> stored = new CompletableFuture<>();
    /** Keeps a pair written held ({@link Outbox#keepPair}). */
    private final Consumer<Outbox.HeldPair> keep;
    /** The link stopped without taking the pair; guarded by this. */
    private boolean forNextStart;
    /** A transaction wrote the pair held and has not ended yet; guarded by this. */
    private boolean writingHeld;
    /** The pair as committed held, before {@link #keepForNextStart} was asked; guarded by this. */
    private Outbox.HeldPair committedHeld;

    PairRequest(Consumer<Outbox.HeldPair> keep) {
        this.keep = keep;
    }

    /** Completes once both rows are committed, or exceptionally when the write is given up. */
    public CompletableFuture<Outbox.HeldPair> stored() {
        return stored;
    }

    /**
     * At the link's stop, when it never took the pair: kept for the next start, whenever it is stored. Only once the
     * link's thread has ended, so that nothing connects with a pair that is kept; before the outbox is closed, so that
     * the write that keeps a pair already written is taken.
     */
    public void keepForNextStart() throws InterruptedException {
        Outbox.HeldPair held;
        synchronized (this) {
            forNextStart = true;
            // A transaction that read "held" before this ends in a moment: committed, its pair is kept below; rolled
            // back, it is tried again and reads "kept".
            long until = System.nanoTime() + DECIDED_WAIT_NANOS;
            while (writingHeld && until - System.nanoTime() > 0) {
                TimeUnit.NANOSECONDS.timedWait(this, until - System.nanoTime());
            }
            if (writingHeld) {
                LOG.warn("outbox: the held online and will being written at the stop were not committed within {} s;"
                        + " if they are, the next start sets the online aside", TimeUnit.NANOSECONDS.toSeconds(
                        DECIDED_WAIT_NANOS));
            }
            held = committedHeld;
            committedHeld = null;
        }
        if (held != null) {
            keep.accept(held);
        }
    }

    /** How the writer stores the rows, read in its transaction (again when it is tried again): kept after a stop. */
    synchronized int held() {
        writingHeld = !forNextStart;
        return forNextStart ? OutboxTable.KEPT : OutboxTable.WILL;
    }

    /** On the writer's commit of {@code pair}, written as {@code held}. */
    void committed(Outbox.HeldPair pair, int held) {
        synchronized (this) {
            if (held == OutboxTable.WILL) {
                committedHeld = pair;
            }
            writingHeld = false;
            notifyAll();
        }
        stored.complete(pair);
    }

    /** The transaction that wrote the pair was rolled back: it is tried again, or given up. */
    synchronized void rolledBack() {
        writingHeld = false;
        notifyAll();
    }

    void givenUp(RuntimeException why) {
        stored.completeExceptionally(why);
    }
}
