package org.orderly.text.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which of the JSON reader's own limits a text went beyond ({@code a number of more than 1000 digits}), in words for
 * whoever wrote the text. Jackson says it with its class and setting names ({@code Number value length (1001) exceeds
 * the maximum allowed (1000, from `StreamReadConstraints.getMaxNumberLength()`)}) and no place: they mean nothing to a
 * grid operator, a bridge's maintainer or the page's user.
 */
public final class ReaderLimit {
    /** How Jackson says every limit ({@code StreamReadConstraints}); it has no exception or field naming which. */
    private static final Pattern EXCEEDS = Pattern.compile("(.+) \\((\\d+)\\) exceeds the maximum allowed \\((\\d+),.*",
            Pattern.DOTALL);

    private ReaderLimit() {
    }

    /**
     * The limit {@code e} refused a text for, as what the text has ({@code nesting deeper than 1000 arrays and
     * objects}); empty when it refused it for something else.
     */
    public static Optional<String> of(JsonProcessingException e) {
        // Databind may wrap the parser's refusal met inside a value it was reading.
        while (e.getCause() instanceof JsonProcessingException inner) {
            e = inner;
        }
        if (!(e instanceof StreamConstraintsException)) {
            return Optional.empty();
        }
        Matcher m = EXCEEDS.matcher(String.valueOf(e.getOriginalMessage()));
        if (!m.matches()) {
            // A limit a later Jackson words otherwise: said without its words, which may name its classes.
            return Optional.of("more than the JSON reader takes");
        }
        String max = m.group(3);
        return Optional.of(switch (m.group(1)) {
            case "Number value length" -> "a number of more than " + max + " digits";
            case "Document nesting depth" -> "nesting deeper than " + max + " arrays and objects";
            case "String value length" -> "a string of more than " + max + " characters";
            case "Name length" -> "a key of more than " + max + " characters";
            case "Token count" -> "more than " + max + " tokens";
            // Counted in bytes or characters, as the text was given.
            case "Document length" -> "a length of more than " + max;
            default -> "more than the JSON reader takes (" + m.group(1).toLowerCase(Locale.ROOT) + " over "
                    + max + ")";
        });
    }
}
