package org.orderly.tools.aggregate;

/** Why a gateway skipped numbers on purpose: the kind of the event that names them (docs/upstream.md, "Bounds"). */
public enum SkipReason {
    SET_ASIDE("outbox.setAside"),
    TRIMMED("outbox.trimmed"),
    TIME_UNKNOWN("outbox.timeUnknown"),
    /** The jump from the last number of a store moved aside to where the fresh store's numbers begin. */
    STORE_MOVED_ASIDE("store.movedAside"),
    /**
     * The jump from the last number of a store the operator deleted or moved aside to where the fresh store's numbers
     * begin (the clock's milliseconds), named by the fresh store's first message.
     */
    STORE_NUMBERED("store.numbered");

    private final String kind;

    SkipReason(String kind) {
        this.kind = kind;
    }

    /** The event's {@code kind}. */
    public String kind() {
        return kind;
    }

    /**
     * Whether its event names only where a fresh store's numbers begin ({@code seqFrom}): of what lies below, only the
     * jump to there from the last number heard is skipped ({@link SeqTracker}).
     */
    public boolean freshStore() {
        return this == STORE_MOVED_ASIDE || this == STORE_NUMBERED;
    }

    /** The reason an event of this kind gives, or null for any other kind. */
    public static SkipReason ofKind(String kind) {
        for (SkipReason r : values()) {
            if (r.kind.equals(kind)) {
                return r;
            }
        }
        return null;
    }
}
