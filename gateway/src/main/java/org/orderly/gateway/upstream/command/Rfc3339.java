package org.orderly.gateway.upstream.command;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * An instant written as RFC 3339's date-time, which the contract's schemas ask for ({@code "format": "date-time"}):
 * {@code 2026-11-29T18:00:00Z}, with a fraction of 1 to 9 digits and {@code Z} or an offset such as {@code +08:00}
 * ({@code T} and {@code Z} also in lower case). Java's {@link Instant#parse} alone takes more, which the schema refuses
 * and a grid side generated from it would never send: hour 24, an offset with seconds, a dot without digits, and a
 * second 60 on any day. A second 60 is refused here however written: a real leap second (the last was in 2016) is
 * long past, so no cap or history request can begin or end on one.
 */
final class Rfc3339 {
    private static final Pattern DATE_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}[Tt]([01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d"
            + "(\\.\\d{1,9})?([Zz]|[+-]([01]\\d|2[0-3]):[0-5]\\d)");

    private Rfc3339() {
    }

    /** The instant {@code text} names; the calendar (no 30 February) and offsets up to 18 h are Java's. */
    static Instant instant(String text) {
        if (!DATE_TIME.matcher(text).matches()) {
            throw new DateTimeParseException("not an RFC 3339 date-time", text, 0);
        }
        return Instant.parse(text);
    }
}
