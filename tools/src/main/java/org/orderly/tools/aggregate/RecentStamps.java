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

    /**
     * The numbers heard last, from the newest back while each lies within {@code from..to} with a {@code ts} not before
     * {@code notBefore}, oldest first: the run of such arrivals that nothing else came after.
     */
    long[] trailing(long from, long to, Instant notBefore) {
        long earliest = notBefore.toEpochMilli();
        int n = 0;
        while (n < size) {
            int at = Math.floorMod(next - 1 - n, seqs.length);
            if (seqs[at] < from || seqs[at] > to || stamps[at] < earliest) {
                break;
            }
            n++;
        }
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[n - 1 - i] = seqs[Math.floorMod(next - 1 - i, seqs.length)];
        }
        return out;
    }

    /** The {@code ts} kept with {@code seq}, the newest; null when it is not kept. */
    Instant stamp(long seq) {
        for (int i = 1; i <= size; i++) {
            int at = Math.floorMod(next - i, seqs.length);
            if (seqs[at] == seq) {
                return Instant.ofEpochMilli(stamps[at]);
            }
        }
        return null;
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
