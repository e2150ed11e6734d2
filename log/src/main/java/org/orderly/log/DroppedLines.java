package org.orderly.log;

import java.time.Instant;

/**
 * Log lines a queue dropped in one stretch while its sink could not take them, as said when it took lines again.
 *
 * @param count the lines dropped in this stretch, from 1 up
 * @param since when the first of them was logged
 * @param total the lines dropped since the log started, this stretch included
 */
public record DroppedLines(long count, Instant since, long total) {
    public DroppedLines {
        if (count < 1 || total < count) {
            throw new IllegalArgumentException("dropped lines: count " + count + " of total " + total);
        }
    }

    /** The log's line for them. */
    public String line() {
        return count + " log lines were dropped while the log could not be written (since " + since + "; " + total
                + " since the start)";
    }
}
