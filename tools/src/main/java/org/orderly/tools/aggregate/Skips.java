package org.orderly.tools.aggregate;

/**
 * Seqs the gateways skipped on purpose and said so in an event (docs/upstream.md, "Bounds"), by the event's kind: not
 * lost, so not counted in the open gaps.
 *
 * @param setAside    named by {@code outbox.setAside}: a message the broker would not take, or an {@code online} spent
 *                    by a connection that ended before its acknowledgement
 * @param trimmed     named by {@code outbox.trimmed}: unsent messages dropped for the outbox's age or size bound
 * @param timeUnknown named by {@code outbox.timeUnknown}: messages stamped by a clock that was never set
 * @param storeMovedAside the jump to where a fresh store's numbers begin, named by {@code store.movedAside} or (a store
 *                    the operator deleted or moved aside) {@code store.numbered}
 * @param outboxDropped messages, not numbers: those a gateway's full queue dropped before numbering them, counted by
 *                    {@code outbox.dropped} (they leave no gap); not in {@link #total()}
 */
public record Skips(long setAside, long trimmed, long timeUnknown, long storeMovedAside, long outboxDropped) {
    public static final Skips NONE = new Skips(0, 0, 0, 0, 0);

    public Skips(long setAside, long trimmed, long timeUnknown, long storeMovedAside) {
        this(setAside, trimmed, timeUnknown, storeMovedAside, 0);
    }

    public Skips(long setAside, long trimmed, long timeUnknown) {
        this(setAside, trimmed, timeUnknown, 0);
    }

    /** The numbers skipped on purpose, over every reason. */
    public long total() {
        return setAside + trimmed + timeUnknown + storeMovedAside;
    }
}
