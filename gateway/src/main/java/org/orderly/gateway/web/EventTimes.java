package org.orderly.gateway.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stored event's message as the page shows it: the UTC instants the gateway writes in its log language
 * ({@code departure 2026-12-02T00:11:00Z}, {@code read at 2026-12-01T14:25:34.511052696Z}) in the compound's zone, to
 * the second ({@code 2026-12-02 08:11}, {@code 2026-12-01 22:25:34}). The store keeps the message as written; only
 * what is sent to the page changes.
 */
final class EventTimes {
    private static final Pattern INSTANT =
            Pattern.compile("\\b\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d(?::\\d\\d(?:\\.\\d{1,9})?)?Z\\b");
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private EventTimes() {
    }

    static String local(String message, ZoneId zone) {
        Matcher m = INSTANT.matcher(message);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(inZone(m.group(), zone)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String inZone(String instant, ZoneId zone) {
        Instant at;
        try {
            at = Instant.parse(instant);
        } catch (DateTimeParseException e) {
            return instant;  // looks like an instant but is none (a 25th hour): shown as written
        }
        // A time on the minute (a declared departure) is shown to the minute; a measured one to the second.
        DateTimeFormatter format = at.getEpochSecond() % 60 == 0 && at.getNano() == 0 ? MINUTES : SECONDS;
        return format.format(at.atZone(zone));
    }
}
