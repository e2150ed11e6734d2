package org.orderly.text.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.orderly.text.OneLine;

/**
 * Why the strict reader refused a text, on one line, what and where ({@code unexpected character ('}' (code 125)): was
 * expecting double-quote to start field name at line 1, column 8}), for whoever wrote the text: a grid command's
 * reply, a bridge's status or info in the pile's error line, the bridge's reply to a CoAP body (JSON or CBOR).
 * Jackson's own message ends, on a line of its own, in a location naming its redacted source and its settings, which
 * say nothing to them; a text beyond one of its own limits is said as {@link ReaderLimit} says it, with no place, since
 * Jackson gives none.
 */
public final class JsonRefusal {
    /** How Jackson begins to say the text ended inside a value. */
    private static final String END_OF_INPUT = "Unexpected end-of-input";
    private static final String JSON_ENDS = "the text ends before the JSON object does";
    /** CBOR is read here only as a CoAP request's payload. */
    private static final String CBOR_ENDS = "the payload ends before the object does";
    /** Where Jackson's message names a setting of its own: ": enable `JsonReadFeature.X` to allow", "(... Feature 'X' ...)". */
    private static final Pattern SETTING_ADVICE = Pattern.compile(
            ":?\\s*enable\\s+`[^`]*`\\s+to allow|\\s*\\([^()]*\\bFeature\\b[^()]*\\)");

    private JsonRefusal() {
    }

    /** What is wrong and where, on one line. */
    public static String of(JsonProcessingException e) {
        return OneLine.of(what(e, JSON_ENDS) + at(e.getLocation()));
    }

    /** As {@link #of}, for CBOR, which has no lines: where is the byte ({@code " at byte 6"}). */
    public static String ofCbor(JsonProcessingException e) {
        JsonLocation where = e.getLocation();
        return OneLine.of(what(e, CBOR_ENDS) + (where == null || where.getByteOffset() < 0 ? ""
                : " at byte " + where.getByteOffset()));
    }

    /**
     * As {@link #of}, for a text that is one line of a file its reader names by number ({@code a.jsonl:2}): where is
     * only the column ({@code " at column 31"}), since Jackson's line 1 is not the file's.
     */
    public static String ofLineText(JsonProcessingException e) {
        return OneLine.of(what(e, JSON_ENDS) + atColumn(e.getLocation()));
    }

    /** @param ends how it says the text ended within a value */
    private static String what(JsonProcessingException e, String ends) {
        // Databind wraps a parser's refusal met inside a value it was reading (an end of input within an object read as
        // a tree): the parser's own says what it met.
        while (e.getCause() instanceof JsonProcessingException inner) {
            e = inner;
        }
        Optional<StrictJson.KeyTwice> twice = StrictJson.keyTwice(e);
        Optional<String> limit = ReaderLimit.of(e);
        Optional<TooSmallNumber> tiny = TooSmallNumber.of(e);
        if (tiny.isPresent()) {
            return tiny.get().unplaced();
        } else if (limit.isPresent()) {
            return limit.get();
        } else if (twice.isPresent()) {
            return "the object " + twice.get().said();
        } else if (StrictJson.moreAfterValue(e)) {
            return "more after the JSON object";
        } else if (e instanceof JsonEOFException || String.valueOf(e.getOriginalMessage()).startsWith(END_OF_INPUT)) {
            // Its message names where the open object began as "[Source: REDACTED ...]": where it ends says enough.
            // Read as a tree, an end within an object's entries is databind's own exception, not a JsonEOFException.
            return ends;
        } else {
            // A token it quotes is cut at the mapper's ErrorReportConfiguration (StrictJson.mapper(int)).
            return lowerFirst(withoutSettings(String.valueOf(e.getOriginalMessage())));
        }
    }

    /** {@code " at line 1, column 8"}; empty when Jackson did not say where (a limit of its own, e.g. nesting). */
    private static String at(JsonLocation where) {
        return where == null || where.getLineNr() < 1 ? ""
                : " at line " + where.getLineNr() + ", column " + where.getColumnNr();
    }

    /** {@code " at column 8"}; empty when Jackson did not say where. */
    private static String atColumn(JsonLocation where) {
        return where == null || where.getColumnNr() < 1 ? "" : " at column " + where.getColumnNr();
    }

    /**
     * Jackson's message less its advice on its own settings, which the writer of the text cannot turn on: {@code
     * non-standard token 'NaN': enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow} is said {@code
     * non-standard token 'NaN'}, and a comment's {@code (not recognized as one since Feature 'ALLOW_COMMENTS' not
     * enabled for parser)} goes.
     */
    static String withoutSettings(String message) {
        return SETTING_ADVICE.matcher(message).replaceAll("");
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toLowerCase(Locale.ROOT) + s.substring(1);
    }
}
