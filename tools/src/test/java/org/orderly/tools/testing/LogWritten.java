package org.orderly.tools.testing;

import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits until what this JVM logged so far is on standard error. The orderly command's log is written by one thread of
 * Logback's (logback.xml's AsyncAppender), in the order the lines were logged: a mark logged now and seen in what was
 * captured means every line logged before it is there too.
 */
public final class LogWritten {
    private static final Logger LOG = LoggerFactory.getLogger(LogWritten.class);
    private static final long WITHIN_MS = 10_000;

    private LogWritten() {
    }

    /** @param captured what standard error has received so far */
    public static void await(Supplier<String> captured) throws InterruptedException {
        String mark = "log written up to here " + UUID.randomUUID();
        LOG.error(mark); // an ERROR: the appender keeps it however full its queue
        long deadline = System.nanoTime() + WITHIN_MS * 1_000_000;
        while (!captured.get().contains(mark)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the log's mark not on standard error within " + WITHIN_MS + " ms");
            }
            Thread.sleep(10);
        }
    }
}
