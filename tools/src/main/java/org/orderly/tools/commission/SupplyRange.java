package org.orderly.tools.commission;

import java.util.Optional;

/**
 * What a live supply reads of a quantity the model probes read (a phase's voltage to neutral, the frequency): a map
 * that does not fit the meter decodes its registers outside it. Written once for the probes and for what the
 * commissioning commands say of a value outside it.
 */
record SupplyRange(double low, double high, String unit, String qualifier) {
    private static final SupplyRange VOLTAGE = new SupplyRange(90, 300, "V", " phase to neutral");
    private static final SupplyRange FREQUENCY = new SupplyRange(45, 65, "Hz", "");

    /** The range of {@code quantity}, or empty for one a live supply does not bound (a power, a current, energy). */
    static Optional<SupplyRange> of(String quantity) {
        if (quantity.startsWith("voltage.")) {
            return Optional.of(VOLTAGE);
        }
        return quantity.equals("frequency.hz") ? Optional.of(FREQUENCY) : Optional.empty();
    }

    boolean holds(double v) {
        return v >= low && v <= high;
    }

    /** {@code 90..300 V phase to neutral}. */
    String said() {
        return String.format(java.util.Locale.ROOT, "%.0f..%.0f %s%s", low, high, unit, qualifier);
    }
}
