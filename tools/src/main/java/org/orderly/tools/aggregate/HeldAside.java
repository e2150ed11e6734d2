package org.orderly.tools.aggregate;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Messages counted as duplicates by their number that are no copy this instance knows (another {@code ts} than the
 * message of that number among the gateway's newest heard): most likely a copy of one heard longer ago, but perhaps a
 * fresh store's message sent before its {@code store.numbered} (its {@code online}, published at connect), numbered
 * among the old store's numbers. Kept, so that the event, arriving after them, has them taken once it says the numbers
 * begin again below theirs and they are stamped not before it ({@link Aggregator}, and {@link JournalMerge} over the
 * journal's {@code held} lines). Bounded per gateway ({@value #MAX_PER_GATEWAY}, that gateway's oldest forgotten first,
 * a duplicate then), not over all: the fresh store's lines sent before its event are numbered within
 * {@link SeqTracker#MAX_EARLY} above its first, and copies of other gateways' messages, however many (a merge over
 * journals of which one caught up on minutes of its peers' messages at once), must not push them out before the event.
 *
 * @param <T> what is kept of one: the message as read (the instance), or its journal line (the merge)
 */
final class HeldAside<T> {
    static final int MAX_PER_GATEWAY = SeqTracker.MAX_EARLY;

    /** One such message: its gateway, number and stamp, and what is kept of it. */
    record Message<T>(String gatewayId, long seq, Instant ts, T body) {
    }

    private final Map<String, ArrayDeque<Message<T>>> kept = new HashMap<>();

    void add(Message<T> m) {
        ArrayDeque<Message<T>> of = kept.computeIfAbsent(m.gatewayId(), g -> new ArrayDeque<>());
        of.addLast(m);
        if (of.size() > MAX_PER_GATEWAY) {
            of.removeFirst();
        }
    }

    /** Takes out those of {@code gatewayId} numbered above {@code first}, in the order they came. */
    List<Message<T>> above(String gatewayId, long first) {
        List<Message<T>> out = new ArrayList<>();
        ArrayDeque<Message<T>> of = kept.get(gatewayId);
        if (of == null) {
            return out;
        }
        for (Iterator<Message<T>> it = of.iterator(); it.hasNext(); ) {
            Message<T> m = it.next();
            if (m.seq() > first) {
                out.add(m);
                it.remove();
            }
        }
        if (of.isEmpty()) {
            kept.remove(gatewayId);
        }
        return out;
    }
}
