package org.orderly.tools.aggregate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The numbers {@code from}..{@code to} that an event of its gateway says were skipped on purpose, and why. Not every
 * number of a range need be skipped (a trim names the lowest and highest it dropped, and a state message in between
 * may have gone out): it explains those of them that do not arrive.
 */
public record Skipped(SkipReason reason, long from, long to) {

    /** {@code outbox.setAside}: "message 3 (orderly/v1/gw/state, 131 bytes) set aside: ...". */
    private static final Pattern ONE = Pattern.compile("^message (\\d{1,18}) \\(");
    /** {@code outbox.trimmed} "... (seq 3..6): ..." and {@code outbox.timeUnknown} "... (seq 3..614; {...}) ...". */
    private static final Pattern RANGE = Pattern.compile("\\(seq (\\d{1,18})\\.\\.(\\d{1,18})[;)]");

    /**
     * {@code store.movedAside} or {@code store.numbered} ({@code reason}) naming {@code seqFrom}, where the fresh
     * store's numbers begin: what lies below it is skipped, but only the jump to it from the last number heard of the
     * old store counts ({@link SeqTracker}); so {@code from} is 0. Null when {@code seqFrom} is not a number from 1 up
     * to the event's own.
     */
    public static Skipped freshStore(SkipReason reason, JsonNode seqFrom, long eventSeq) {
        if (seqFrom == null || !seqFrom.isIntegralNumber() || !seqFrom.canConvertToLong() || seqFrom.longValue() < 1
                || seqFrom.longValue() > eventSeq) {
            return null;
        }
        return new Skipped(reason, 0, seqFrom.longValue() - 1);
    }

    /**
     * What an event names in its field {@code "skipped": {"from": A, "to": B}} (gateways since 2026-12-01), else what
     * its text names (older gateways); null as {@link #of(String, String, long)}. A field that is not two integers
     * {@code from <= to} below the event's own number is not taken, and the text is read instead.
     */
    public static Skipped of(String kind, JsonNode field, String message, long eventSeq) {
        SkipReason reason = SkipReason.ofKind(kind);
        if (reason == null || reason.freshStore()) {
            return null;
        }
        if (field != null && field.isObject()) {
            JsonNode from = field.get("from");
            JsonNode to = field.get("to");
            if (from != null && to != null && from.isIntegralNumber() && to.isIntegralNumber()
                    && from.canConvertToLong() && to.canConvertToLong() && from.longValue() >= 0
                    && from.longValue() <= to.longValue() && to.longValue() < eventSeq) {
                return new Skipped(reason, from.longValue(), to.longValue());
            }
        }
        return of(kind, message, eventSeq);
    }

    /**
     * What an event's text names, or null when it is not such an event or names nothing this consumer can read. The
     * numbers must lie below the event's own: it is stored after the messages it reports.
     */
    public static Skipped of(String kind, String message, long eventSeq) {
        SkipReason reason = SkipReason.ofKind(kind);
        if (reason == null || reason.freshStore() || message == null) {
            return null;
        }
        Matcher m = (reason == SkipReason.SET_ASIDE ? ONE : RANGE).matcher(message);
        if (!m.find()) {
            return null;
        }
        long from = Long.parseLong(m.group(1));
        long to = reason == SkipReason.SET_ASIDE ? from : Long.parseLong(m.group(2));
        if (from > to || to >= eventSeq) {
            return null;
        }
        return new Skipped(reason, from, to);
    }
}
