package org.orderly.tools.aggregate;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Messages counted as duplicates by their number that are no copy this instance knows (another {@code ts} than the
 * message of that number among the gateway's newest heard): most likely a copy of one heard longer ago, but perhaps a
 * fresh store's message sent before its {@code store.numbered} (its {@code online}, published at connect), numbered
 * among the old store's numbers. Kept, so that the event, arriving after them, has them taken once it says the numbers
 * begin again below theirs and they are stamped not before it ({@link Aggregator}, and {@link JournalMerge} over the
 * journal's {@code held} lines). Bounded: the oldest forgotten first, they are duplicates then.
 *
 * @param <T> what is kept of one: the message as read (the instance), or its journal line (the merge)
 */
final class HeldAside<T> {
    static final int MAX = 1_000;

    /** One such message: its gateway, number and stamp, and what is kept of it. */
    record Message<T>(String gatewayId, long seq, Instant ts, T body) {
    }

    private final ArrayDeque<Message<T>> kept = new ArrayDeque<>();

    void add(Message<T> m) {
        kept.addLast(m);
        if (kept.size() > MAX) {
            kept.removeFirst();
        }
    }

    /** Takes out those of {@code gatewayId} numbered above {@code first}, in the order they came. */
    List<Message<T>> above(String gatewayId, long first) {
        List<Message<T>> out = new ArrayList<>();
        for (Iterator<Message<T>> it = kept.iterator(); it.hasNext(); ) {
            Message<T> m = it.next();
            if (m.gatewayId().equals(gatewayId) && m.seq() > first) {
                out.add(m);
                it.remove();
            }
        }
        return out;
    }
}
