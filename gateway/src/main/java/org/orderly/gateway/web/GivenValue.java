package org.orderly.gateway.web;

import com.fasterxml.jackson.databind.JsonNode;
import org.orderly.text.SaidBack;

/**
 * A field's value of the wrong kind, said back in its refusal: the client's JSON, cut short, since it is theirs and as
 * long as they chose to make it.
 */
record GivenValue(JsonNode value) {
    /** The value as JSON, at most 40 characters: the refusal's {@code was} argument, in every language alike. */
    String shown() {
        return SaidBack.of(value.toString());
    }

    /** Its kind alone ("a number", "true or false", "a list", "an object"): what is said back of a secret. */
    String kind() {
        return value.isArray() ? "a list" : value.isObject() ? "an object" : value.isBoolean() ? "true or false"
                : value.isNumber() ? "a number" : "a value that is not text";
    }

    /** A list or an object by its kind, anything else as written: the English line's "was ...". */
    String said() {
        return value.isArray() ? "a list" : value.isObject() ? "an object" : shown();
    }
}
