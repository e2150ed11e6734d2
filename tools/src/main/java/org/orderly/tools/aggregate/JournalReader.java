package org.orderly.tools.aggregate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.orderly.text.SaidBack;
import org.orderly.text.json.JsonRefusal;
import org.orderly.text.json.StrictJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One journal of `orderly aggregate --journal`, read a line at a time, so that a merge holds one line of each journal
 * rather than all of them. An unfinished last line (a crash in the middle of a write) is skipped with a warning;
 * any other line that is not a journal line stops the merge with its file and line number.
 */
final class JournalReader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JournalReader.class);
    /** Strict: aggregate writes each key once, so a line giving one twice is not its own. */
    private static final ObjectMapper JSON = StrictJson.mapper();

    /**
     * One accepted message as journalled; {@code telemetry}, {@code skipped}, {@code will} and {@code dropped} (the
     * count of an {@code outbox.dropped} event) are null where it has none; {@code offline} for a {@code state}
     * {@code offline} (journalled {@code "state":"offline"} since 2026-12-05); {@code held} for a duplicate by its
     * number held aside ({@code "held":true}, since 2026-12-05), taken only as the instance takes it
     * ({@link HeldAside}; the merge holds any line by that rule, marked or not).
     */
    record Entry(String gatewayId, long seq, Instant ts, Instant receivedAt, Telemetry telemetry, Skipped skipped,
                 Long will, Long dropped, boolean offline, boolean held) {
    }

    private final Path path;
    private final int index;
    private final BufferedReader in;
    private final boolean endsWithNewline;
    private int lineNo;
    private Entry head;

    JournalReader(Path path, int index) throws IOException {
        this.path = path;
        this.index = index;
        this.endsWithNewline = endsWithNewline(path);
        this.in = Files.newBufferedReader(path, StandardCharsets.UTF_8);
    }

    /** The entry read last by {@link #advance}. */
    Entry head() {
        return head;
    }

    /** The journal's place in the merge's list, to keep the order of lines with the same receive time. */
    int index() {
        return index;
    }

    /** Reads the next entry into {@link #head}; false at the end of the journal. */
    boolean advance() throws IOException, JournalMerge.BadJournal {
        String line = in.readLine();
        if (line == null) {
            head = null;
            return false;
        }
        lineNo++;
        try {
            head = entry(JSON.readTree(line));
            return true;
        } catch (IOException | RuntimeException e) {
            if (!endsWithNewline && in.readLine() == null) {
                LOG.warn("{}:{}: unfinished last line (an interrupted write) skipped", path, lineNo);
                head = null;
                return false;
            }
            String why = e instanceof JsonProcessingException j
                    ? StrictJson.keyTwice(j).map(twice -> "it " + twice.said()).orElseGet(() -> JsonRefusal.ofLineText(j))
                    : String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            throw new JournalMerge.BadJournal(path + ":" + lineNo + ": not a journal line of orderly aggregate (" + why
                    + ")");
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private static boolean endsWithNewline(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file)) {
            if (ch.size() == 0) {
                return true;
            }
            ByteBuffer last = ByteBuffer.allocate(1);
            ch.read(last, ch.size() - 1);
            return last.get(0) == '\n';
        }
    }

    private static Entry entry(JsonNode j) {
        if (!j.isObject()) {
            throw new IllegalArgumentException("a line is a JSON object, was " + said(j));
        }
        required(j, "id");
        String gatewayId = text(j, "gatewayId");
        long seq = count(j, "seq", 0);
        Instant ts = instant(j, "ts");
        String outside = MessageValidator.tsOutside(ts);
        if (outside != null) {
            throw new IllegalArgumentException(outside);
        }
        Instant receivedAt = instant(j, "receivedAt");
        Telemetry t = "telemetry".equals(text(j, "type"))
                ? new Telemetry(kw(j, "transformerKw"), kw(j, "baseKw"), kw(j, "evKw"), kw(j, "limitKw"),
                kw(j, "shedKw"), kw(j, "addKw"), Telemetry.baseBound(j.get("baseBound")))
                : null;
        return new Entry(gatewayId, seq, ts, receivedAt, t, skipped(j.get("skipped"), seq), will(j.get("will"), seq),
                dropped(j.get("dropped")), "offline".equals(j.path("state").asText()), held(j.get("held")));
    }

    private static Instant instant(JsonNode j, String field) {
        try {
            return Instant.parse(text(j, field));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("field '" + field + "' is not an instant");
        }
    }

    /** The will's number an {@code online} on this line named ({@code will}), or null. */
    private static Long will(JsonNode w, long seq) {
        if (w == null || w.isNull()) {
            return null;
        }
        if (!w.isIntegralNumber() || !w.canConvertToLong() || w.longValue() <= seq) {
            throw new IllegalArgumentException("field 'will' is not a number above the line's seq");
        }
        return w.longValue();
    }

    /** Whether the line is of a message held aside ({@code held}: true), not taken when it came. */
    private static boolean held(JsonNode h) {
        if (h == null || h.isNull()) {
            return false;
        }
        if (!h.isBoolean()) {
            throw new IllegalArgumentException("field 'held' is not true or false, was " + said(h));
        }
        return h.booleanValue();
    }

    /** How many messages the {@code outbox.dropped} event on this line counted ({@code dropped}), or null. */
    private static Long dropped(JsonNode d) {
        if (d == null || d.isNull()) {
            return null;
        }
        if (!d.isIntegralNumber() || !d.canConvertToLong() || d.longValue() < 1) {
            throw new IllegalArgumentException("field 'dropped' is not a count from 1 up");
        }
        return d.longValue();
    }

    /** What the event on this line named as skipped (the journal's {@code skipped} object), or null. */
    private static Skipped skipped(JsonNode s, long seq) {
        if (s == null || s.isNull()) {
            return null;
        }
        String shape = "field 'skipped' is not {reason, from, to} below the line's seq";
        if (!s.isObject()) {
            throw new IllegalArgumentException(shape + ", was " + said(s));
        }
        SkipReason reason = SkipReason.ofKind(text(s, "reason"));
        long from = count(s, "from", 0);
        long to = count(s, "to", 0);
        if (reason == null || from > to || to >= seq) {
            throw new IllegalArgumentException("field 'skipped' is not {reason, from, to} below the line's seq");
        }
        return new Skipped(reason, from, to);
    }

    private static JsonNode required(JsonNode j, String field) {
        JsonNode n = j.get(field);
        if (n == null || n.isNull()) {
            throw new IllegalArgumentException("field '" + field + "' is missing");
        }
        return n;
    }

    /** A text field; one of another kind is refused, not read as null or as its JSON. */
    private static String text(JsonNode j, String field) {
        JsonNode n = required(j, field);
        if (!n.isTextual()) {
            throw new IllegalArgumentException("field '" + field + "' is not a text, was " + said(n));
        }
        return n.textValue();
    }

    /** A whole number from {@code min} up; a text or a fraction is refused, not read as 0 or cut. */
    private static long count(JsonNode j, String field, long min) {
        JsonNode n = required(j, field);
        if (!n.isIntegralNumber() || !n.canConvertToLong() || n.longValue() < min) {
            throw new IllegalArgumentException("field '" + field + "' is not a whole number from " + min + " up, was "
                    + said(n));
        }
        return n.longValue();
    }

    /** A figure in kW, or null where the gateway did not know it; a text is refused, not read as 0. */
    private static Double kw(JsonNode j, String field) {
        JsonNode n = j.get(field);
        if (n != null && !n.isNull() && !n.isNumber()) {
            throw new IllegalArgumentException("field '" + field + "' is not a number of kW or null, was " + said(n));
        }
        return n == null || n.isNull() ? null : n.doubleValue();
    }

    /** A value as a refusal says it back: its JSON, on one line and cut at {@value SaidBack#MAX} characters. */
    private static String said(JsonNode n) {
        return SaidBack.of(n.toString());
    }
}
