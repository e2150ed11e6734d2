package org.orderly.gateway.upstream.link;

/**
 * The link's waits between attempts that fail: {@code first}, then twice as long each time up to {@code max}, until
 * {@link #reset}. One thread only.
 */
final class Backoff {
    private final long firstMs;
    private final long maxMs;
    private long nextMs;

    Backoff(long firstMs, long maxMs) {
        this.firstMs = firstMs;
        this.maxMs = maxMs;
        this.nextMs = firstMs;
    }

    /** The wait before the next attempt; the one after it is twice as long, up to the maximum. */
    long next() {
        long wait = nextMs;
        nextMs = Math.min(maxMs, nextMs * 2);
        return wait;
    }

    /** An attempt succeeded: the next failure waits {@code first} again. */
    void reset() {
        nextMs = firstMs;
    }
}
