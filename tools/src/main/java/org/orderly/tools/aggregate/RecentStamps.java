package org.orderly.tools.aggregate;

import java.time.Instant;

/**
 * The newest numbers heard of one gateway with their messages' {@code ts} (to the millisecond), a bounded ring: a copy
 * given again carries the same number and {@code ts}, another message of the same number does not. Two arrays of
 * longs, so that keeping them for every gateway heard costs a few hundred bytes each.
 */
final class RecentStamps {
    private final long[] seqs;
    private final long[] stamps;
    private int size;
    private int next;

    RecentStamps(int capacity) {
        seqs = new long[capacity];
        stamps = new long[capacity];
    }

    /** Keeps {@code seq} and its {@code ts}, forgetting the oldest kept once full. */
    void add(long seq, Instant ts) {
        seqs[next] = seq;
        stamps[next] = ts.toEpochMilli();
        next = (next + 1) % seqs.length;
        size = Math.min(size + 1, seqs.length);
    }

    boolean contains(long seq, Instant ts) {
        long stamp = ts.toEpochMilli();
        for (int i = 0; i < size; i++) {
            if (seqs[i] == seq && stamps[i] == stamp) {
                return true;
            }
        }
        return false;
    }

    /** A copy of those kept from {@code first} up. */
    RecentStamps from(long first) {
        RecentStamps kept = new RecentStamps(seqs.length);
        for (int i = 0; i < size; i++) {
            if (seqs[i] >= first) {
                kept.seqs[kept.size] = seqs[i];
                kept.stamps[kept.size] = stamps[i];
                kept.size++;
            }
        }
        kept.next = kept.size % seqs.length;
        return kept;
    }

    void clear() {
        size = 0;
        next = 0;
    }
}
