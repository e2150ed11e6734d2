package org.orderly.gateway.upstream.command;

import java.time.Duration;

/**
 * A command's limit as a rejection says it to the grid side's people, as docs/upstream.md writes the limits:
 * {@code 7 days}, {@code 24 h}, {@code 90 s}; not Java's {@code PT168H}.
 */
final class SaidDuration {
    private SaidDuration() {
    }

    static String of(Duration d) {
        boolean wholeHours = d.toMinutesPart() == 0 && d.toSecondsPart() == 0 && d.toNanosPart() == 0;
        if (wholeHours && d.toHoursPart() == 0 && d.toDays() > 1) {
            return d.toDays() + " days";
        }
        if (wholeHours && d.toHours() > 0) {
            return d.toHours() + " h";
        }
        return d.toNanosPart() == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
