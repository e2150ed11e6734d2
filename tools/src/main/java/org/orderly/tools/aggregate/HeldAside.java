package org.orderly.tools.aggregate;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Messages counted as duplicates by their number that are no copy this instance knows (another {@code ts} than the
 * message of that number among the gateway's newest heard): most likely a copy of one heard longer ago, but perhaps a
 * fresh store's message sent before its {@code store.numbered} (its {@code online}, published at connect), numbered
 * among the old store's numbers. Kept, so that the event, arriving after them, has them taken once it says the numbers
 * begin again below theirs and they are stamped not before it ({@link Aggregator}). Bounded: the oldest forgotten
 * first, they are duplicates then.
 */
final class HeldAside {
    static final int MAX = 1_000;

    /** One such message as it was read. */
    record Message(Inbound inbound, Envelope envelope) {
    }

    private final ArrayDeque<Message> kept = new ArrayDeque<>();

    void add(Message m) {
        kept.addLast(m);
        if (kept.size() > MAX) {
            kept.removeFirst();
        }
    }

    /** Takes out those of {@code gatewayId} numbered above {@code first}, in the order they came. */
    List<Message> above(String gatewayId, long first) {
        List<Message> out = new ArrayList<>();
        for (Iterator<Message> it = kept.iterator(); it.hasNext(); ) {
            Message m = it.next();
            if (m.envelope().gatewayId().equals(gatewayId) && m.envelope().seq() > first) {
                out.add(m);
                it.remove();
            }
        }
        return out;
    }
}
