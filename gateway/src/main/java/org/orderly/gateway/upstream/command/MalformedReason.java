package org.orderly.gateway.upstream.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.orderly.text.json.JsonRefusal;

/**
 * Why a command is not one JSON object, as the grid company's operators read it in the reply: what is wrong and where,
 * on one line ({@code malformed: unexpected character ('}' (code 125)): was expecting double-quote to start field name
 * at line 1, column 8}), as {@link JsonRefusal} says it.
 */
final class MalformedReason {
    private MalformedReason() {
    }

    /** The reason, starting {@code malformed: }, for a payload the strict reader refused. */
    static String of(JsonProcessingException e) {
        return "malformed: " + JsonRefusal.of(e);
    }
}
