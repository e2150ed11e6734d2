package org.orderly.tools.aggregate;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * De-duplicates by id and notices gaps in each gateway's seq. Since a valid id is {@code gatewayId:seq}, the pair
 * (gateway, seq) is the id. Per gateway it keeps the highest seq seen and the seqs skipped below it; a skipped seq
 * that arrives later fills its gap, anything else at or below the highest is a duplicate. Memory stays small: a
 * gateway's open gaps are bounded ({@value #MAX_OPEN_GAPS_PER_GATEWAY}), the oldest forgotten first (counted as
 * {@link #forgotten()}).
 *
 * <p>A gap is exact only if this instance receives every message of the gateway (all message types, since seq counts
 * them all): one instance, or a broker that routes a gateway's messages to one member of the share group (see
 * docs/aggregate.md). Not thread-safe; {@link Aggregator} serialises access.
 */
public final class SeqTracker {
    static final int MAX_OPEN_GAPS_PER_GATEWAY = 10_000;

    /** What a message's seq means for its gateway. */
    public enum Outcome { FRESH, FILLS_GAP, DUPLICATE }

    private static final class Gateway {
        long highest = -1;
        final TreeSet<Long> open = new TreeSet<>();
    }

    private final Map<String, Gateway> gateways = new HashMap<>();
    private long openGaps;
    private long forgotten;
    private long gapsSeen;

    /** What {@link #see} would say of the seq, without recording it. */
    public Outcome outcome(String gatewayId, long seq) {
        Gateway g = gateways.get(gatewayId);
        if (g == null || g.highest < 0 || seq > g.highest) {
            return Outcome.FRESH;
        }
        return g.open.contains(seq) ? Outcome.FILLS_GAP : Outcome.DUPLICATE;
    }

    /** Records the seq and says what it meant. */
    public Outcome see(String gatewayId, long seq) {
        Gateway g = gateways.computeIfAbsent(gatewayId, k -> new Gateway());
        if (g.highest < 0) {
            // Whatever came before this instance started is not ours to miss.
            g.highest = seq;
            return Outcome.FRESH;
        }
        if (seq > g.highest) {
            long skipped = seq - g.highest - 1;
            gapsSeen += skipped;
            // A jump larger than the bound (a garbled or reset seq) must not loop for ever: remember its top end.
            long from = Math.max(g.highest + 1, seq - MAX_OPEN_GAPS_PER_GATEWAY);
            forgotten += from - (g.highest + 1);
            for (long missing = from; missing < seq; missing++) {
                if (g.open.size() >= MAX_OPEN_GAPS_PER_GATEWAY) {
                    g.open.pollFirst();
                    openGaps--;
                    forgotten++;
                }
                g.open.add(missing);
                openGaps++;
            }
            g.highest = seq;
            return Outcome.FRESH;
        }
        if (g.open.remove(seq)) {
            openGaps--;
            return Outcome.FILLS_GAP;
        }
        return Outcome.DUPLICATE;
    }

    /** Seqs skipped and not (yet) arrived, over all gateways: messages presumed lost. */
    public long openGaps() {
        return openGaps;
    }

    /** Every seq ever skipped, including those that arrived later. */
    public long gapsSeen() {
        return gapsSeen;
    }

    /** Open gaps dropped from memory to bound it (still counted in {@link #gapsSeen()}). */
    public long forgotten() {
        return forgotten;
    }

    public int gateways() {
        return gateways.size();
    }
}
