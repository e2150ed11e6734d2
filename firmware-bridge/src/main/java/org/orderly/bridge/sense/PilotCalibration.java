package org.orderly.bridge.sense;

/**
 * How a converter code maps back to the pilot's voltage: the pilot goes through a divider that also lifts it by an
 * offset, so that -15 .. +18 V fits the converter's 0 .. VREF. {@code pilot = (code * VREF / 1024 - offset) * divider}.
 *
 * @param adcVrefVolts the converter's reference (full scale), in volts
 * @param dividerRatio volts on the pilot per volt at the converter's input
 * @param offsetVolts  volts at the converter's input while the pilot is at 0 V
 */
public record PilotCalibration(double adcVrefVolts, double dividerRatio, double offsetVolts) {

    public PilotCalibration {
        if (!(adcVrefVolts > 0.0 && adcVrefVolts <= 5.5)) {
            throw new IllegalArgumentException("pilot ADC: reference " + adcVrefVolts + " V must be > 0 and <= 5.5 V");
        }
        if (!(dividerRatio >= 1.0 && dividerRatio <= 100.0)) {
            throw new IllegalArgumentException("pilot ADC: divider ratio " + dividerRatio + " must be within 1..100");
        }
        if (!(offsetVolts >= 0.0 && offsetVolts <= adcVrefVolts)) {
            throw new IllegalArgumentException("pilot ADC: offset " + offsetVolts + " V must be within 0.." + adcVrefVolts
                    + " V (the reference)");
        }
    }

    /**
     * The reference circuit of docs/firmware-bridge.md: 150 kΩ from the pilot, 33 kΩ to ground and 33 kΩ to the 3.3 V
     * reference: ratio (150 + 33‖33) / (33‖33) = 10.0909, offset 3.3 × (150‖33) / (150‖33 + 33) = 1.4865 V.
     */
    public static PilotCalibration reference() {
        return new PilotCalibration(3.3, 10.0909, 1.4865);
    }

    /** The pilot's voltage for a converter code. */
    public double pilotVolts(int code) {
        return (code * adcVrefVolts / PilotAdc.CODES - offsetVolts) * dividerRatio;
    }
}
