package org.orderly.tools.commission;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * A time as the commissioning commands print it: in the compound's zone when the command was given its configuration,
 * else this computer's, to the second, with the offset ({@code 2026-12-03T18:15:30+08:00}), so an installer reads it
 * off the wall clock and beside the log.
 */
final class LocalTimeText {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");

    private LocalTimeText() {
    }

    static String of(Instant t, ZoneId zone) {
        return FORMAT.format(t.atZone(zone));
    }
}
