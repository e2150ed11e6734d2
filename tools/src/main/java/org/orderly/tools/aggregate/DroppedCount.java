package org.orderly.tools.aggregate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How many messages an {@code outbox.dropped} event says its gateway's full queue dropped before numbering them
 * (docs/upstream.md, "Delivery: the outbox", step 1). They have no numbers, so they leave no gap: the event is the
 * only trace of them.
 */
final class DroppedCount {
    static final String KIND = "outbox.dropped";

    /** The gateway's text: "5 messages dropped before they were stored: the outbox's queue of ...". */
    private static final Pattern TEXT = Pattern.compile("^(\\d{1,18}) messages dropped before they were stored");

    private DroppedCount() {
    }

    /**
     * The event's field {@code "dropped": N} (gateways since 2026-12-01) when it is an integer from 1 up, else what
     * its text says (older gateways); null when neither says a count this consumer can read.
     */
    static Long of(JsonNode field, String message) {
        if (field != null && field.isIntegralNumber() && field.canConvertToLong() && field.longValue() >= 1) {
            return field.longValue();
        }
        if (message == null) {
            return null;
        }
        Matcher m = TEXT.matcher(message);
        if (!m.find()) {
            return null;
        }
        long n = Long.parseLong(m.group(1));
        return n >= 1 ? n : null;
    }
}
