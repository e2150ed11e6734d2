package org.orderly.bridge.testing;

/**
 * The reference circuit of docs/firmware-bridge.md, from its parts rather than from the bridge's calibration: the
 * pilot through 150 kΩ to the converter's input, which has 33 kΩ to ground and 33 kΩ to the 3.3 V reference, into an
 * ideal 10-bit converter (code = 1024 × input / reference, rounded, within 0 .. 1023).
 */
public final class ReferenceCircuit {
    static final double FROM_PILOT_OHMS = 150_000;
    static final double TO_GROUND_OHMS = 33_000;
    static final double TO_REFERENCE_OHMS = 33_000;
    static final double REFERENCE_VOLTS = 3.3;

    private ReferenceCircuit() {
    }

    /** The voltage at the converter's input (the divider's node) for {@code pilotVolts}, by Kirchhoff. */
    public static double inputVolts(double pilotVolts) {
        double conductance = 1 / FROM_PILOT_OHMS + 1 / TO_GROUND_OHMS + 1 / TO_REFERENCE_OHMS;
        return (pilotVolts / FROM_PILOT_OHMS + REFERENCE_VOLTS / TO_REFERENCE_OHMS) / conductance;
    }

    /** The code the converter gives for {@code pilotVolts}. */
    public static int code(double pilotVolts) {
        long code = Math.round(1024 * inputVolts(pilotVolts) / REFERENCE_VOLTS);
        return (int) Math.max(0, Math.min(1023, code));
    }
}
