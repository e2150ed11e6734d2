package org.orderly.gateway.app.config;

import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * A decimal comma, {@code 0,49}. In a flow mapping, {@code { price: 0,49 }}, YAML reads {@code price: 0} and a key
 * {@code 49} with no value, so the mistake shows as an unknown key of digits; elsewhere ({@code price: 0,49} on a line
 * of its own) the value is the text {@code 0,49}, no number. The hint says what was meant: the number with a point,
 * or, for a key that takes a whole number (a port, a unit id, milliseconds), that it takes no fraction.
 */
final class DecimalComma {
    /** For a whole-number key: a point would not be taken either. */
    private static final String WHOLE = "a decimal comma? the key takes a whole number, with no fraction (no comma or "
            + "point) and no thousands separator; ";

    private DecimalComma() {
    }

    /** Whether an unknown {@code key} is all digits: the fraction of a number before it, written with a comma. */
    static boolean isFraction(String key) {
        return key != null && key.matches("[0-9]+");
    }

    /**
     * The hint for an unknown {@code key} (with "; " after it, to go before the known keys), or "" when the key is not
     * all digits; {@code before} is the value of the key before it in the mapping, or null.
     */
    static String hint(String key, Node before) {
        if (!isFraction(key)) {
            return "";
        }
        if (before instanceof ScalarNode s && s.getValue().matches("[-+]?[0-9]+")) {
            return "a decimal comma? write " + s.getValue() + "." + key + "; ";
        }
        return "a decimal comma? write the number with a point, 0.49 not 0,49; ";
    }

    /**
     * The hint for a value written {@code 0,49} (with "; " after it), or "" for any other: for a number the number with
     * a point, for a whole number ({@code whole}) that the key takes none.
     */
    static String ofValue(String written, boolean whole) {
        if (written == null || !written.matches("[-+]?[0-9]+,[0-9]+")) {
            return "";
        }
        return whole ? WHOLE : "a decimal comma? write " + written.replace(',', '.') + "; ";
    }

    /** The hint for a whole-number key whose value YAML split at a decimal comma (a flow mapping's {@code port: 5,02}). */
    static String ofWholeSplit() {
        return WHOLE;
    }
}
