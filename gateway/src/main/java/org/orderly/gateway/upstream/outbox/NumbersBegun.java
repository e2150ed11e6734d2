package org.orderly.gateway.upstream.outbox;

/**
 * Why a store's upstream message numbers begin where they do, as its {@code store.numbered} event says it
 * (docs/upstream.md, "events"): a fresh store, or one restored from a backup ({@code orderly restore}), whose numbers
 * begin again so that none the gateway gave after the backup is given again; each with the clock set or not. The form
 * is the event's {@code form} argument, the page's text {@code event.store.numbered.<form>}.
 */
enum NumbersBegun {
    FRESH("clockSet", false, true),
    FRESH_CLOCK_NOT_SET("clockNotSet", false, false),
    RESTORED("restored", true, true),
    RESTORED_CLOCK_NOT_SET("restoredClockNotSet", true, false);

    private final String form;
    private final boolean restored;
    private final boolean clockSet;

    NumbersBegun(String form, boolean restored, boolean clockSet) {
        this.form = form;
        this.restored = restored;
        this.clockSet = clockSet;
    }

    static NumbersBegun of(boolean restored, boolean clockSet) {
        for (NumbersBegun b : values()) {
            if (b.restored == restored && b.clockSet == clockSet) {
                return b;
            }
        }
        throw new AssertionError("every pair is a constant");
    }

    /** The event's {@code form}. */
    String form() {
        return form;
    }

    /** The event's English message; {@code floor} names the clock's floor and where it comes from. */
    String text(long first, String floor) {
        String what = (restored ? "a store restored from a backup" : "a fresh store")
                + (clockSet ? "" : " while the clock is not set");
        String from = clockSet ? "the clock's milliseconds" : "the milliseconds of the earliest time the clock can be ("
                + floor + ") plus 2^51 and a random offset";
        // A clock behind where it was when an earlier store began would give that store's numbers again
        // (docs/upstream.md, "Numbers rise within one store only"); far above any clock, one not set cannot.
        String so = (restored ? "no number given out since the backup, nor by an earlier store, is given again"
                : "no earlier store's numbers are given again")
                + (clockSet ? " unless the clock is behind where it was when that store began" : "");
        return what + ": upstream message numbers " + (restored ? "begin again at " : "begin at ") + first + ", "
                + from + ", so " + so;
    }
}
