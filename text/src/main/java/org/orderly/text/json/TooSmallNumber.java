package org.orderly.text.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.Optional;
import org.orderly.text.OneLine;

/**
 * A number written as not zero that a double holds as 0, such as {@code 1e-400}: Jackson reads it as 0 without a word,
 * and 0 has a meaning of its own (a cap of 0 kW, a paused pile, a car drawing nothing). Every reader of the strict
 * mapper ({@link StrictJson}) refuses it as it meets it, JSON or CBOR, saying the number as it was sent and where, as a
 * number too large is said as sent rather than as Infinity: the page's request bodies, an upstream command, a bridge's
 * {@code PUT /limit}, a bridge's {@code /status} and {@code /info} as the gateway reads them, the accounts file, the
 * aggregator's journal and messages, a scenario file ({@code orderly simulate}).
 *
 * @param key the key whose value it is; null in a list
 * @param text the number as sent, cut as the mapper's reader says back a client's text
 * @param at where it begins in the text; null when not known
 */
public record TooSmallNumber(String key, String text, JsonLocation at) {
    private static final String TOO_SMALL = " is too small a number to hold: it would be read as 0";

    /** {@code "amps": 1e-400 (line 1, column 9) is too small a number to hold: it would be read as 0}. */
    public String said() {
        return saidAt(TextPlace.inParentheses(at));
    }

    /** As {@link #said()} with no place, for a reader that says the place its own way ({@link JsonRefusal}). */
    String unplaced() {
        return saidAt("");
    }

    /**
     * As {@link #said()} without its key, {@code 1e-400 (line 29, column 20) is too small ...}, for a reader that names
     * the value its own way (a scenario file's {@code sessions[0].energyKWh}, {@code baseLoad.kw[3]}).
     */
    public String saidWithoutKey() {
        return text + TextPlace.inParentheses(at) + TOO_SMALL;
    }

    private String saidAt(String place) {
        return (key == null ? "" : "\"" + key + "\": ") + text + place + TOO_SMALL;
    }

    /** The number a strict mapper's reading refused with {@code e}; empty when it refused something else. */
    public static Optional<TooSmallNumber> of(JsonProcessingException e) {
        // Databind wraps a parser's refusal met inside a value it was reading (a record's field) with its path.
        Throwable t = e;
        while (!(t instanceof Refused) && t.getCause() instanceof JsonProcessingException inner) {
            t = inner;
        }
        return t instanceof Refused refused ? Optional.of(refused.number) : Optional.empty();
    }

    /**
     * The number at {@code p}'s current token if it is one a double holds as 0 though it is not, its key and text cut
     * at {@code maxChars}; empty otherwise.
     */
    static Optional<TooSmallNumber> at(JsonParser p, int maxChars) throws java.io.IOException {
        // The text, not getDoubleValue(): a reader of numbers as written (a BigDecimal) must find the parser as it was.
        String number = p.getText();
        if (!notZero(number) || Double.parseDouble(number) != 0) {
            return Optional.empty();
        }
        String key = p.currentName();
        return Optional.of(new TooSmallNumber(key == null ? null : OneLine.head(key, maxChars),
                OneLine.head(number, maxChars), p.currentTokenLocation()));
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

    /** The strict parser's refusal of such a number, its message what {@link #said()} says. */
    static final class Refused extends JsonParseException {
        private final transient TooSmallNumber number;

        Refused(JsonParser p, TooSmallNumber number) {
            super(p, number.said(), number.at());
            this.number = number;
        }
    }
}
