package org.orderly.gateway.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * A field that must be a JSON number: anything else (the text "16", true, a list) is refused as the wrong type, so the
 * answer says what to write rather than that 16 is out of range.
 */
final class NumberField {
    private NumberField() {
    }

    /** Returns {@code value}'s number; refuses it, 400 {@code FIELD_NOT_A_NUMBER}, when it is not a number. */
    static double of(String field, JsonNode value) {
        if (value.isNumber()) {
            return value.asDouble();
        }
        GivenValue given = new GivenValue(value);
        String was = value.isTextual() ? "the text " + given.shown() + "; write it without quotes" : given.said();
        throw ApiError.bad(Refusal.FIELD_NOT_A_NUMBER, Map.of("field", field, "was", given.shown()),
                field + ": must be a number, was " + was);
    }
}
