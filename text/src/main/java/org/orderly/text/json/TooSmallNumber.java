package org.orderly.text.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;
import org.orderly.text.SaidBack;

/**
 * A number written as not zero that a double holds as 0, such as {@code 1e-400}: Jackson reads it as 0 without a word,
 * and 0 has a meaning of its own (a cap of 0 kW, a paused pile). The readers of a request that sets something (the
 * page's request bodies, an upstream command, a bridge's {@code PUT /limit}) refuse it, saying the number as it was sent
 * and where, as a number too large is said as sent rather than as Infinity; a bridge's {@code /status} and {@code /info}
 * as the gateway reads them take it as the 0 it is as near as a double says.
 *
 * @param key the key whose value it is; null in a list
 * @param text the number as sent, cut at {@value SaidBack#MAX} characters
 * @param at where it begins in the text; null when not known
 */
public record TooSmallNumber(String key, String text, JsonLocation at) {
    /** {@code "amps": 1e-400 (line 1, column 9) is too small a number to hold: it would be read as 0}. */
    public String said() {
        return (key == null ? "" : "\"" + SaidBack.of(key) + "\": ") + text + TextPlace.inParentheses(at)
                + " is too small a number to hold: it would be read as 0";
    }

    /** The first number in {@code text} that {@code tree}, read from it by {@code mapper}, holds as 0 though it is not. */
    public static Optional<TooSmallNumber> in(JsonNode tree, ObjectMapper mapper, String text) {
        return hasFloatZero(tree) ? ReadAgain.read(() -> mapper.createParser(text), TooSmallNumber::first) : Optional.empty();
    }

    /** As {@link #in(JsonNode, ObjectMapper, String)}, for bytes (JSON or CBOR as {@code mapper} reads). */
    public static Optional<TooSmallNumber> in(JsonNode tree, ObjectMapper mapper, byte[] bytes) {
        return hasFloatZero(tree) ? ReadAgain.read(() -> mapper.createParser(bytes), TooSmallNumber::first) : Optional.empty();
    }

    private static Optional<TooSmallNumber> first(JsonParser p) throws IOException {
        for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
            if (t == JsonToken.VALUE_NUMBER_FLOAT && p.getDoubleValue() == 0 && notZero(p.getText())) {
                return Optional.of(new TooSmallNumber(p.currentName(), SaidBack.of(p.getText()),
                        p.currentTokenLocation()));
            }
        }
        return Optional.empty();
    }

    /** Whether the number's digits before its exponent have one that is not 0. */
    private static boolean notZero(String number) {
        for (int i = 0; i < number.length(); i++) {
            char c = number.charAt(i);
            if (c == 'e' || c == 'E') {
                return false;
            }
            if (c >= '1' && c <= '9') {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code node} holds a number with a fraction or exponent that reads as 0: only then is the text read again. */
    private static boolean hasFloatZero(JsonNode node) {
        if (node == null) {
            return false;
        }
        if (node.isFloatingPointNumber()) {
            return node.doubleValue() == 0;
        }
        for (JsonNode child : node) {
            if (hasFloatZero(child)) {
                return true;
            }
        }
        return false;
    }
}
