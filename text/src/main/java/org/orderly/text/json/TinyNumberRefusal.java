package org.orderly.text.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import java.io.IOException;
import java.util.Optional;

/**
 * A parser that refuses a number a double holds as 0 though it is not ({@link TooSmallNumber}) as it reads it, so that
 * every reader of the strict mapper, a tree or a record, JSON or CBOR, refuses it alike rather than each looking again.
 * Every way on to the next token goes through {@link #nextToken()} or {@link #nextValue()} (Jackson's
 * {@code nextFieldName()}, {@code nextTextValue()} and the like call {@code nextToken()}).
 */
public final class TinyNumberRefusal extends JsonParserDelegate {
    private final int maxChars;

    private TinyNumberRefusal(JsonParser parser, int maxChars) {
        super(parser);
        this.maxChars = maxChars;
    }

    /**
     * {@code parser}, refusing such a number with a {@link JsonParseException} whose number {@link TooSmallNumber#of}
     * gives; its key and text said back cut at {@code maxChars}.
     */
    public static JsonParser of(JsonParser parser, int maxChars) {
        return new TinyNumberRefusal(parser, maxChars);
    }

    @Override
    public JsonToken nextToken() throws IOException {
        return checked(super.nextToken());
    }

    @Override
    public JsonToken nextValue() throws IOException {
        return checked(super.nextValue());
    }

    private JsonToken checked(JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NUMBER_FLOAT) {
            Optional<TooSmallNumber> tiny = TooSmallNumber.at(delegate, maxChars);
            if (tiny.isPresent()) {
                throw new TooSmallNumber.Refused(delegate, tiny.get());
            }
        }
        return t;
    }
}
