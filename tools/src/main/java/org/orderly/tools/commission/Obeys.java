package org.orderly.tools.commission;

import java.util.Locale;
import org.orderly.gateway.field.pile.PileState;
import org.orderly.text.Amps;

/**
 * Whether a pile's read-back shows it obeys a limit (docs/operations.md step 3): it offers at most the limit. Less is
 * obeying: its own limit, or its cable's, may be lower. More, by over {@link #SLACK_A} (a pile that offers whole
 * amperes rounds), is a pile that took the limit and does not keep to it: the grid cap would not hold with it.
 */
final class Obeys {
    /** How much more than the limit a pile may offer and still obey: half an ampere, its offer rounded to whole ones. */
    static final double SLACK_A = 0.5;

    private Obeys() {
    }

    /** A pile that does not say what it offers (a map without current.offered.a) cannot be shown not to obey. */
    static boolean limit(PileState s, double amps) {
        return Double.isNaN(s.ampsOffered()) || s.ampsOffered() <= amps + SLACK_A;
    }

    /** One line: what was set, what the pile offers, what to check. */
    static String notObeyed(String id, double amps, PileState s, boolean modbus) {
        return String.format(Locale.ROOT, "%s: set %s, but the pile offers %s (state %s, %s) after it acknowledged the limit: "
                + "it does not obey it; check that %s; do not let the gateway drive it until pile set passes", id,
                Amps.of(amps), Amps.of(s.ampsOffered()), s.state(), PileCommand.words(s.state()), modbus
                        ? "the pile takes its limit over Modbus (many do only once a setting of theirs allows it, as for a load "
                                + "manager) and the map's limit register (address, scale) against the pile's Modbus table"
                        : "the bridge drives this pile (its --pile and the control pilot's wiring); its log says what it offers");
    }
}
