package org.orderly.text.json;

import com.fasterxml.jackson.core.JsonLocation;

/** Where in a text its reader met something, as every refusal says it: {@code line 1, column 12}. */
public final class TextPlace {
    private TextPlace() {
    }

    /** {@code line 1, column 12}; empty when the place is not known (CBOR has no lines). */
    static String of(JsonLocation at) {
        return at == null || at.getLineNr() < 1 ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr();
    }

    /** {@code " (line 1, column 12)"}: the place in parentheses after a space; empty when it is not known. */
    public static String inParentheses(JsonLocation at) {
        String place = of(at);
        return place.isEmpty() ? "" : " (" + place + ")";
    }
}
