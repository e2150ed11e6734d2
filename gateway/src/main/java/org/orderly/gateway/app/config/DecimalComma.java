package org.orderly.gateway.app.config;

import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * A decimal comma in a flow mapping, {@code { price: 0,49 }}: YAML reads {@code price: 0} and a key {@code 49} with no
 * value, so the mistake shows as an unknown key of digits. The hint says what was meant.
 */
final class DecimalComma {
    private DecimalComma() {
    }

    /**
     * The hint for an unknown {@code key} (with "; " after it, to go before the known keys), or "" when the key is not
     * all digits; {@code before} is the value of the key before it in the mapping, or null.
     */
    static String hint(String key, Node before) {
        if (key == null || !key.matches("[0-9]+")) {
            return "";
        }
        if (before instanceof ScalarNode s && s.getValue().matches("[-+]?[0-9]+")) {
            return "a decimal comma? write " + s.getValue() + "." + key + "; ";
        }
        return "a decimal comma? write the number with a point, 0.49 not 0,49; ";
    }
}
