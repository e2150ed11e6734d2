package org.orderly.tools.aggregate;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Where a test's old store and fresh store of one gateway stand: the old store numbered from the milliseconds of
 * {@code before} (ten minutes ago) up, the fresh store's numbers beginning at {@code from}, among them, stamped
 * about {@code now}.
 */
record Stores(Instant now, Instant before, long old, long from) {
    static Stores fromNow() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant before = now.minusSeconds(600);
        return new Stores(now, before, before.toEpochMilli(), before.toEpochMilli() + 4);
    }
}
