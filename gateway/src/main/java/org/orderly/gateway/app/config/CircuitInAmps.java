package org.orderly.gateway.app.config;

import org.orderly.text.AsWritten;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * A circuit's limit written as its breaker's current: what to write as {@code limitKw} instead. A circuit has no phase
 * of its own (piles of every phase may hang from it), so both readings of the current are given, one phase and three.
 */
final class CircuitInAmps {
    private CircuitInAmps() {
    }

    /** {@code for a 40 A breaker write limitKw: 9.2 on one phase (40 A x 230 V), 27.6 on three}; a rule without a number. */
    static String asKw(Node value, double phaseVoltageV) {
        double amps = value instanceof ScalarNode s ? number(s.getValue()) : Double.NaN;
        if (!(amps > 0) || !Double.isFinite(phaseVoltageV)) {
            return "write the breaker's current x the phase voltage / 1000 (x 3 for a three-phase circuit)";
        }
        double onePhase = amps * phaseVoltageV / 1000;
        return "for a " + AsWritten.number(amps) + " A breaker write limitKw: " + kw(onePhase) + " on one phase ("
                + AsWritten.number(amps) + " A x " + AsWritten.number(phaseVoltageV) + " V), " + kw(3 * onePhase)
                + " on three";
    }

    private static String kw(double kw) {
        return AsWritten.number(Math.round(kw * 100) / 100.0);
    }

    private static double number(String text) {
        try {
            // "40 A" as a breaker is labelled: the number before the unit
            return Double.parseDouble(text.strip().replaceFirst("\\s*[Aa]$", ""));
        } catch (NumberFormatException e) {
            return Double.NaN; // a word: the rule without a number says it
        }
    }
}
