package org.orderly.gateway.app.live;

import java.time.Instant;
import org.orderly.gateway.core.time.Tick;

/**
 * What each pile reported drawing, by when its report came (on the gateway's ticker), so that a transformer reading is
 * matched with the draws it can hold: a report that came after the meter was read may tell of a car that began to draw
 * since, which that reading does not hold yet. The last few reports of each pile are kept; a report seen again in a
 * later cycle (the same {@code readAt}) is not a new one.
 */
final class ReportedDraws {
    /** Reports kept per pile: a meter reading older than these is stale long before (reports come every cycle or so). */
    private static final int KEPT = 8;

    private final long[][] cameAt;
    private final double[][] kw;
    private final Instant[] lastReadAt;
    private final int[] count;
    private final int[] next;

    ReportedDraws(int piles) {
        cameAt = new long[piles][KEPT];
        kw = new double[piles][KEPT];
        lastReadAt = new Instant[piles];
        count = new int[piles];
        next = new int[piles];
    }

    /** Takes in this cycle's report of a pile, if it is a new one. */
    void see(PileObservation p, Tick now) {
        int i = p.pileIndex();
        if (!p.reported() || p.readAt().equals(lastReadAt[i])) {
            return;
        }
        lastReadAt[i] = p.readAt();
        cameAt[i][next[i]] = now.nanos() - p.age().toNanos();
        kw[i][next[i]] = p.drawKnown() ? Math.max(0, p.powerKw()) : 0;
        next[i] = (next[i] + 1) % KEPT;
        count[i] = Math.min(KEPT, count[i] + 1);
    }

    /**
     * What pile {@code i} had last reported drawing by {@code tick}: the draw a meter read then can hold. Nothing (0)
     * when no report kept came by then: none is known to be in that reading, and taking off less errs toward less room.
     */
    double kwBy(int i, Tick tick) {
        long latest = Long.MIN_VALUE;
        double drew = 0;
        for (int k = 0; k < count[i]; k++) {
            if (cameAt[i][k] <= tick.nanos() && cameAt[i][k] > latest) {
                latest = cameAt[i][k];
                drew = kw[i][k];
            }
        }
        return drew;
    }

    /** When the latest report of pile {@code i} came, on the ticker; null before its first. */
    Tick latest(int i) {
        return count[i] == 0 ? null : new Tick(cameAt[i][(next[i] + KEPT - 1) % KEPT]);
    }
}
