package org.orderly.gateway.app;

import java.time.Duration;
import java.time.Instant;

/**
 * When an open session's row is written again ({@link CycleRecorder}): once every {@link #EVERY}, at a moment of the
 * minute set per pile, its piles' moments spread evenly over the minute (pile i of n at i x 60 s / n). So a row is at
 * most a minute and a cycle old, as a gateway that stops needs to tell the same car when it comes back, and the page's
 * today counts the minute or so after a row's sighting as heard ({@code SessionEnergy}); its rewrites do not drift
 * (counted from each last write, each came a cycle's remainder later than a minute after the one before), and
 * sessions that began in one cycle (a restart, carrying a 300-pile compound's sessions at once) are not all rewritten
 * in one cycle, a burst of writes, but a few piles a cycle.
 */
final class SessionRewrites {
    /** How often an open session's row is written again at most, so that it holds the pile's counter of a minute ago. */
    static final Duration EVERY = Duration.ofMinutes(1);
    private static final long EVERY_MS = EVERY.toMillis();

    private final int pileCount;

    SessionRewrites(int pileCount) {
        if (pileCount < 1) {
            throw new IllegalArgumentException("a compound has at least one pile, got " + pileCount);
        }
        this.pileCount = pileCount;
    }

    /** The pile's moment within each minute, in milliseconds (asked every cycle for every open session). */
    private long offsetMs(int pileIndex) {
        return pileIndex * EVERY_MS / pileCount;
    }

    /**
     * Whether a row of the pile's session written at {@code writtenAt} is written again at {@code now}: once the pile's
     * first moment after it has come. A wall clock stepped back before the last write writes it too, counting on from
     * there.
     */
    boolean due(int pileIndex, Instant writtenAt, Instant now) {
        if (now.isBefore(writtenAt)) {
            return true;
        }
        long offset = offsetMs(pileIndex);
        long written = writtenAt.toEpochMilli();
        long next = Math.floorDiv(written - offset, EVERY_MS) * EVERY_MS + offset + EVERY_MS;
        return now.toEpochMilli() >= next;
    }
}
