package org.orderly.tools.commission;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a live meter's values must look like: phase voltages 90..300 V (phase-to-neutral), frequency 45..65 Hz,
 * total power within {@code ±maxKw}. Returns the first value that is not, as a sentence.
 */
final class Plausibility {
    private Plausibility() {
    }

    static Optional<String> check(Map<String, Double> values, double maxKw) {
        for (Map.Entry<String, Double> e : values.entrySet()) {
            String q = e.getKey();
            double v = e.getValue();
            if (!Double.isFinite(v)) {
                return Optional.of(q + " is " + v);
            }
            if (!MeterModels.plausible(q, v)) {
                return Optional.of(String.format(Locale.ROOT, "%s = %.2f is implausible (wrong map, scale or wiring?)", q, v));
            }
            if (q.equals("power.total.kw") && Math.abs(v) > maxKw) {
                return Optional.of(String.format(Locale.ROOT, "power.total.kw = %.2f exceeds %.0f kW (wrong scale or CT ratio?)", v, maxKw));
            }
        }
        return Optional.empty();
    }
}
