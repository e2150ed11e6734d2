package org.orderly.tools.aggregate;

/** Why a gateway skipped numbers on purpose: the kind of the event that names them (docs/upstream.md, "Bounds"). */
public enum SkipReason {
    SET_ASIDE("outbox.setAside"),
    TRIMMED("outbox.trimmed"),
    TIME_UNKNOWN("outbox.timeUnknown"),
    /** The jump from the last number of a store moved aside to where the fresh store's numbers begin. */
    STORE_MOVED_ASIDE("store.movedAside");

    private final String kind;

    SkipReason(String kind) {
        this.kind = kind;
    }

    /** The event's {@code kind}. */
    public String kind() {
        return kind;
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
