package org.orderly.gateway.app.live;

/**
 * Per pile, its latest entries of a tick (the gateway's ticker, in nanos) and a figure in kW, the oldest dropped once
 * {@code kept} are held: each pile's offers ({@link RecentOffers}) and each pile's reported steps
 * ({@link ReportedDraws}). A slot is an entry's place in its pile's ring; what else a user keeps per entry it keeps by
 * slot beside it. Slots are not in order of time: ticks are compared by their difference, right where the count wraps.
 */
final class TickedKwRings {
    private final long[][] at;
    private final double[][] kw;
    private final int[] count;
    private final int[] next;
    private final int kept;

    TickedKwRings(int piles, int kept) {
        this.kept = kept;
        at = new long[piles][kept];
        kw = new double[piles][kept];
        count = new int[piles];
        next = new int[piles];
    }

    /** Adds an entry for pile {@code i}, in place of its oldest once the ring is full; says its slot. */
    int add(int i, long tickNanos, double entryKw) {
        int slot = next[i];
        at[i][slot] = tickNanos;
        kw[i][slot] = entryKw;
        next[i] = (slot + 1) % kept;
        count[i] = Math.min(kept, count[i] + 1);
        return slot;
    }

    /** How many entries pile {@code i} holds: its slots are 0 to this, less one. */
    int count(int i) {
        return count[i];
    }

    /** Whether pile {@code i}'s ring is full, so that an entry has been dropped or the next one drops one. */
    boolean full(int i) {
        return count[i] == kept;
    }

    /** The slot of pile {@code i}'s {@code nth} entry from its oldest (0), for going through them in the order added. */
    int slotFromOldest(int i, int nth) {
        return full(i) ? (next[i] + nth) % kept : nth;
    }

    /** The slot of pile {@code i}'s latest entry; -1 with none. */
    int latest(int i) {
        return count[i] == 0 ? -1 : (next[i] + kept - 1) % kept;
    }

    long at(int i, int slot) {
        return at[i][slot];
    }

    double kw(int i, int slot) {
        return kw[i][slot];
    }

    void setKw(int i, int slot, double entryKw) {
        kw[i][slot] = entryKw;
    }

    /** The entries a pile's ring holds at most: the slots of {@link #add}. */
    int kept() {
        return kept;
    }
}
