package org.orderly.text.json;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import org.orderly.text.OneLine;

/**
 * A text as a JSON string literal, quotes and escapes included: how a pile id goes into a limit's body, and how a
 * line quotes an id so that a space, a tab or a letter's case shows ({@code "p1 "}, not p1).
 */
public final class JsonString {
    private JsonString() {
    }

    /** {@code text} as a JSON string literal. */
    public static String of(String text) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"";
    }

    /** As {@link #of}, cut at {@code atMost} characters with {@code ...} after the closing quote when it was longer. */
    public static String cut(String text, int atMost) {
        return text.length() > atMost ? of(text.substring(0, OneLine.cutAt(text, atMost))) + "..." : of(text);
    }
}
