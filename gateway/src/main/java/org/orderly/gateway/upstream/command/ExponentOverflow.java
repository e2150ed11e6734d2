package org.orderly.gateway.upstream.command;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;
import org.orderly.text.SaidBack;
import org.orderly.text.json.TextPlace;

/**
 * A number whose exponent is beyond what a number kept as written can hold ({@code 1e9999999999}): a command's numbers
 * are read as written ({@link JsonFields#MAPPER}), and Java refuses such a one with a NumberFormatException that names
 * its classes and not the place. Found again in the text, to be said as sent and where.
 */
final class ExponentOverflow {
    private ExponentOverflow() {
    }

    /** {@code "limitKw": 1e9999999999 (line 1, column 80)}: the first such number in {@code payload}, as sent. */
    static String said(byte[] payload) {
        try (JsonParser p = JsonFields.MAPPER.createParser(payload)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.VALUE_NUMBER_FLOAT && !holds(p.getText())) {
                    return (p.currentName() == null ? "" : "\"" + SaidBack.ofCommand(p.currentName()) + "\": ")
                            + SaidBack.ofCommand(p.getText()) + TextPlace.inParentheses(p.currentTokenLocation());
                }
            }
        } catch (IOException e) {
            // The reading that refused the number went on to it: the text before it is read alike.
            throw new IllegalStateException("command read twice differently: " + e.getMessage(), e);
        }
        throw new IllegalStateException("no number in the command has an exponent beyond reading");
    }

    private static boolean holds(String number) {
        try {
            new BigDecimal(number);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
