package org.orderly.gateway.core.model;

/** How a pile is connected to the low-voltage side: one phase, or all three. */
public enum Phase {
    A, B, C, ABC;

    /** Active power in kW that one ampere per conductor draws at the given phase voltage. */
    public double kwPerAmp(double phaseVoltageV) {
        return phaseVoltageV / 1000.0 * (this == ABC ? 3 : 1);
    }

    /** Share of this pile's power that lands on line {@code line} (0 = A, 1 = B, 2 = C). */
    public double shareOnLine(int line) {
        if (this == ABC) {
            return 1.0 / 3.0;
        }
        return ordinal() == line ? 1.0 : 0.0;
    }
}
