package org.orderly.gateway.core.model;

/**
 * The compound's distribution transformer. {@code limitKw} bounds base plus EV load;
 * {@code phaseLimitA} (NaN when not set) bounds the current on each low-voltage line.
 */
public record Transformer(double limitKw, double phaseLimitA, double phaseVoltageV) {
    public Transformer {
        if (!(limitKw > 0)) {
            throw new IllegalArgumentException("transformer limitKw must be > 0, got " + limitKw);
        }
        if (!(phaseVoltageV > 0)) {
            throw new IllegalArgumentException("transformer phaseVoltageV must be > 0, got " + phaseVoltageV);
        }
        if (!Double.isNaN(phaseLimitA) && !(phaseLimitA > 0)) {
            throw new IllegalArgumentException("transformer phaseLimitA must be > 0, got " + phaseLimitA);
        }
    }

    public boolean hasPhaseLimit() {
        return !Double.isNaN(phaseLimitA);
    }

    /** The per-line limit expressed in kW, or +infinity when there is none. */
    public double phaseLimitKw() {
        return hasPhaseLimit() ? phaseLimitA * phaseVoltageV / 1000.0 : Double.POSITIVE_INFINITY;
    }
}
