package org.orderly.tools.simulate;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A time as every CSV file of simulate writes it: to the second, in the offset written in the scenario's start, as
 * the spec asks of delivered.csv's {@code stepStart}, so that files of one run read side by side.
 */
final class OutputTime {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");

    private OutputTime() {
    }

    static String of(Instant t, ZoneOffset offset) {
        return FORMAT.format(OffsetDateTime.ofInstant(t, offset));
    }
}
