package org.orderly.text.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;

/**
 * A number too large for a double, said as the client wrote it: Jackson reads {@code 1e999} as Infinity, and a
 * refusal that said {@code was Infinity} told the client of a value it never sent. Its value stays Infinity, so it
 * is refused by the range its field checks, as any number out of range; only how it is said changes. The page's
 * request bodies and a bridge's {@code PUT /limit} keep theirs so; the bridge reads decimals as BigDecimals, and one
 * beyond a double ({@code 1E+999}) is so kept as sent too.
 */
public final class SentNumber extends DoubleNode {
    private final String text;

    private SentNumber(double value, String text) {
        super(value);
        this.text = text;
    }

    /** The number as sent: what a refusal's {@code was} says. */
    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SentNumber s && s.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    /** {@code body}, read from {@code text} by {@code json}, with each of its keys' numbers too large kept as sent. */
    public static ObjectNode keptAsSent(ObjectNode body, String text, ObjectMapper json) {
        return hasInfinite(body) ? ReadAgain.read(() -> json.createParser(text), p -> keptAsSent(body, p)) : body;
    }

    /** As {@link #keptAsSent(ObjectNode, String, ObjectMapper)}, for a text given as bytes (JSON or CBOR). */
    public static ObjectNode keptAsSent(ObjectNode body, byte[] text, ObjectMapper json) {
        return hasInfinite(body) ? ReadAgain.read(() -> json.createParser(text), p -> keptAsSent(body, p)) : body;
    }

    private static ObjectNode keptAsSent(ObjectNode body, JsonParser p) throws IOException {
        int depth = 0;
        String key = null;
        for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
            if (t.isStructStart()) {
                depth++;
            } else if (t.isStructEnd()) {
                depth--;
            } else if (t == JsonToken.FIELD_NAME && depth == 1) {
                key = p.currentName();
            } else if (t == JsonToken.VALUE_NUMBER_FLOAT && depth == 1 && Double.isInfinite(p.getDoubleValue())) {
                body.set(key, new SentNumber(p.getDoubleValue(), p.getText()));
            }
        }
        return body;
    }

    private static boolean hasInfinite(ObjectNode body) {
        for (Iterator<Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>> it = body.fields(); it.hasNext(); ) {
            var value = it.next().getValue();
            // a double, or a BigDecimal (a mapper that reads decimals exactly) that no double holds
            if (value.isFloatingPointNumber() && Double.isInfinite(value.doubleValue())) {
                return true;
            }
        }
        return false;
    }
}
