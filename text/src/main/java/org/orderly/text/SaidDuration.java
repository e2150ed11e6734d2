package org.orderly.text;

import java.time.Duration;

/**
 * A duration as a person says it, not as Java writes it ({@code PT168H}): a command's limit in a rejection as
 * docs/upstream.md writes the limits ({@code 7 days}, {@code 24 h}, {@code 90 s}); a setting given in hours in hours.
 */
public final class SaidDuration {
    private SaidDuration() {
    }

    /** In days when more than one whole day, else in whole hours, else in seconds (or milliseconds). */
    public static String of(Duration d) {
        boolean wholeHours = d.toMinutesPart() == 0 && d.toSecondsPart() == 0 && d.toNanosPart() == 0;
        if (wholeHours && d.toHoursPart() == 0 && d.toDays() > 1) {
            return d.toDays() + " days";
        }
        if (wholeHours && d.toHours() > 0) {
            return d.toHours() + " h";
        }
        return d.toNanosPart() == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /**
     * In whole hours when it is some ({@code 168 h}, as {@code outbox.maxAgeHours} gives it), else in seconds (or
     * milliseconds).
     */
    public static String inHours(Duration d) {
        if (d.toNanosPart() != 0) {
            return d.toMillis() + " ms";
        }
        return d.toSeconds() % 3600 == 0 && d.toHours() > 0 ? d.toHours() + " h" : d.toSeconds() + " s";
    }
}
