package org.orderly.text.json;

import com.fasterxml.jackson.core.ErrorReportConfiguration;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.orderly.text.SaidBack;

/**
 * The mapper for JSON a program did not write alone (a web request, an MQTT command, a bridge's reply, the accounts
 * file, a scenario file; a CoAP body the bridge is sent, JSON or CBOR): an object that gives a key twice is refused rather than read
 * with its last value, and so is a text with more after its value ({@code {...} {...}}) rather than read as its first,
 * since which one was meant is not known and another reader of the same text (a proxy, a log, a person) may take the
 * other; and a number written as not zero that a double holds as 0 ({@link TooSmallNumber}) is refused rather than
 * read as 0.
 */
public final class StrictJson {
    /** How Jackson says it: it has no exception of its own for a key given twice. */
    private static final Pattern GIVEN_TWICE = Pattern.compile("Duplicate field '(.*)'");
    /** How Jackson says a value was followed by more. */
    private static final String TRAILING = "Trailing token";

    private StrictJson() {
    }

    /**
     * A new mapper that refuses a key given twice in one object, anything after the value read, and a number a double
     * holds as 0 though it is not ({@link TooSmallNumber}, said back cut at {@value SaidBack#MAX} characters).
     */
    public static ObjectMapper mapper() {
        return builder().build();
    }

    /**
     * The builder of {@link #mapper()}, for a reader that adds settings of its own to what it refuses (a scenario
     * file's reader: unknown keys, a string where a number belongs).
     */
    public static JsonMapper.Builder builder() {
        return strictly(JsonMapper.builder(new StrictJsonFactory(new JsonFactoryBuilder(), SaidBack.MAX)));
    }

    /**
     * As {@link #mapper()}, its refusals quoting at most {@code maxTokenChars} of an unrecognised token or of a number
     * too small, then {@code ...}: for a refusal said back to whoever sent the text, which must not be as long as they
     * made it.
     */
    public static ObjectMapper mapper(int maxTokenChars) {
        JsonFactoryBuilder quoting = new JsonFactoryBuilder().errorReportConfiguration(
                ErrorReportConfiguration.builder().maxErrorTokenLength(maxTokenChars).build());
        return strictly(JsonMapper.builder(new StrictJsonFactory(quoting, maxTokenChars))).build();
    }

    /**
     * {@code builder}'s mapper, of any format (CBOR's too), refusing a key given twice and more after the value as
     * {@link #mapper()} does; a number too small only as {@link TinyNumberRefusal} wraps its parser (a format's factory
     * makes parsers of its own class, which a wrapper is not).
     */
    public static <M extends ObjectMapper, B extends MapperBuilder<M, B>> M strict(B builder) {
        return strictly(builder).build();
    }

    /** {@code builder}, refusing a key given twice and more after the value. */
    private static <M extends ObjectMapper, B extends MapperBuilder<M, B>> B strictly(B builder) {
        return builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** A key given twice, and where: just past the second one (null when not known). */
    public record KeyTwice(String key, JsonLocation at) {
        /** {@code gives "amps" twice}: what its reader says after what gave it (the request body, /status). */
        public String said() {
            return "gives \"" + key + "\" twice";
        }

        /** {@code " (line 1, column 12)"}: the place in parentheses after a space; empty when it is not known. */
        public String inParentheses() {
            return TextPlace.inParentheses(at);
        }

        /** {@code line 1, column 12}; empty when the place is not known. */
        public String where() {
            return TextPlace.of(at);
        }
    }

    /** Whether {@code e} refused a text for what follows its value ({@code {...} {...}}). */
    public static boolean moreAfterValue(JsonProcessingException e) {
        return String.valueOf(e.getOriginalMessage()).startsWith(TRAILING);
    }

    /** The key {@code e} refused for being given twice; empty when it refused something else. */
    public static Optional<KeyTwice> keyTwice(JsonProcessingException e) {
        // Databind wraps a parser's refusal met inside a value it was reading (an account in a list) with its path.
        while (e.getCause() instanceof JsonProcessingException inner) {
            e = inner;
        }
        Matcher m = GIVEN_TWICE.matcher(String.valueOf(e.getOriginalMessage()));
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new KeyTwice(m.group(1), e.getLocation()));
    }
}
