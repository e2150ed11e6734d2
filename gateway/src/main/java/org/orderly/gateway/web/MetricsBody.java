package org.orderly.gateway.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The body of a scrape of {@code /metrics}, written into a buffer sized from the last scrape's body and an eighth more
 * (a figure may gain a digit, a pile come), so that it seldom grows: a buffer begun small doubles its way up, copying
 * all written so far each time (16 KB to 64 KB for the 47 KB of 300 piles, to 512 KB for the 286 KB of 2,000;
 * docs/benchmarks.md, "A scrape of /metrics"). The first scrape begins at 16 KB.
 */
final class MetricsBody {
    static final int FIRST = 16_384;

    /** What writes a body. */
    @FunctionalInterface
    interface Writer {
        void write(OutputStream out) throws IOException;
    }

    private volatile int last = FIRST;

    /** The whole body {@code writer} writes. */
    byte[] of(Writer writer) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(nextCapacity());
        writer.write(out);
        last = out.size();
        return out.toByteArray();
    }

    /** The room the next scrape's buffer begins with. */
    int nextCapacity() {
        int expected = last;
        return expected + expected / 8;
    }
}
