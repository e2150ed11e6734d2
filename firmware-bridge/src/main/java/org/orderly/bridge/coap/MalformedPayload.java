package org.orderly.bridge.coap;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.util.Locale;

/**
 * Why a payload could not be read, on one line, what and where ({@code unexpected character ('a' (code 97)): was
 * expecting double-quote to start field name at line 1, column 3}), for whoever sent it. Jackson's own message cuts
 * the place off on a line of its own, or names where an unfinished object began as its redacted source and settings,
 * which say nothing to the sender.
 */
final class MalformedPayload {
    /** How Jackson begins to say the payload ended inside a value. */
    private static final String END_OF_INPUT = "Unexpected end-of-input";

    private MalformedPayload() {
    }

    /** What is wrong and where in a payload of {@code format} (JSON or CBOR). */
    static String of(JsonProcessingException e, int format) {
        // databind wraps what the parser met inside a value it was reading: the parser's own says what
        while (e.getCause() instanceof JsonProcessingException inner) {
            e = inner;
        }
        String said = String.valueOf(e.getOriginalMessage());
        String what = e instanceof JsonEOFException || said.startsWith(END_OF_INPUT)
                ? "the payload ends before the object does"
                : lowerFirst(PayloadCodec.firstLine(said));
        return what + at(e.getLocation(), format);
    }

    /** {@code " at line 1, column 3"} in JSON, {@code " at byte 5"} in CBOR; empty when Jackson did not say where. */
    private static String at(JsonLocation where, int format) {
        if (where == null) {
            return "";
        }
        if (format == PayloadCodec.CBOR) {
            return where.getByteOffset() < 0 ? "" : " at byte " + where.getByteOffset();
        }
        return where.getLineNr() < 1 ? "" : " at line " + where.getLineNr() + ", column " + where.getColumnNr();
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toLowerCase(Locale.ROOT) + s.substring(1);
    }
}
