package org.orderly.gateway.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * What the store never drops, held apart from its writer's bounded queue until the writer takes it: the newest row of
 * each session not written yet, and the last session number given out. The grid hears of a session only from its ended
 * row (docs/upstream.md, "Session messages"), and a number not stored could be given out again after a restart.
 *
 * <p>A row replaces the row of its session held before it (each row is the whole session), except an ended row: a row
 * that comes after it under the same id is held behind it, so that the table refuses that one as it would have from
 * the queue. Memory is bounded by the sessions with a row held (one row each, two after an end), not by the writes.
 * Their writes are {@link Write#kept()}: a store that refuses them for a while (a full disk, a card remounted
 * read-only) has them tried again until committed, not given up.
 */
final class SessionWrites {
    private final LongSupplier numberGivenOut;
    private final Runnable onEnded;
    private final Map<String, Held> rows = new LinkedHashMap<>();
    /** The number the writer last wrote (or found in the table at open); writer thread only. */
    private long numberWritten;
    private boolean closed;

    private record Held(SessionRecord row, SessionRecord afterEnd) {
    }

    /**
     * @param numberStored the session number the table holds now
     * @param onEnded run on the writer thread once an ended row is committed
     */
    SessionWrites(long numberStored, LongSupplier numberGivenOut, Runnable onEnded) {
        this.numberWritten = numberStored;
        this.numberGivenOut = numberGivenOut;
        this.onEnded = onEnded;
    }

    /** Holds {@code s} for the writer; false once {@link #close}d (the writer has taken its last). */
    synchronized boolean hold(SessionRecord s) {
        if (closed) {
            return false;
        }
        Held before = rows.get(s.id());
        rows.put(s.id(), before == null || before.row().departure() == null ? new Held(s, null)
                : new Held(before.row(), s));
        return true;
    }

    /**
     * What is held now, as writes in the order to apply them, no longer held: the number given out first (so a row
     * never commits before its session's number), then each session's rows. Writer thread only.
     */
    List<Write> take() {
        List<Held> held;
        synchronized (this) {
            held = List.copyOf(rows.values());
            rows.clear();
        }
        List<Write> out = new ArrayList<>(held.size() + 1);
        long n = numberGivenOut.getAsLong();
        if (n > numberWritten) {
            out.add(Write.kept("the last session number given out", c -> SessionSeqTable.advance(c, n)));
            numberWritten = n;
        }
        for (Held h : held) {
            out.add(write(h.row()));
            if (h.afterEnd() != null) {
                out.add(write(h.afterEnd()));
            }
        }
        return out;
    }

    /** Refuses what comes from now on; what is held stays for the writer's last {@link #take}. */
    synchronized void close() {
        closed = true;
    }

    private Write write(SessionRecord s) {
        Write w = Write.kept("a session's row", c -> SessionsTable.upsert(c, s));
        return s.departure() == null ? w : new StoreWriter.Committing(w, onEnded);
    }
}
