package org.orderly.bridge.sense;

import java.io.IOException;
import org.orderly.bridge.vehicle.VehicleState;

/**
 * The voltage bands of IEC 61851-1 Annex A that a pile tells the vehicle's state by: ±1 V around each nominal level
 * of the positive peak (A 12 V, B 9 V, C 6 V, D 3 V, E 0 V, F -12 V), ends included; and, while the PWM runs, the
 * negative peak in -12 V ± 1 V, which only the vehicle's diode leaves there. Between the bands nothing is read.
 *
 * <p>The PWM is taken to run when the negative peak is below the E band (under -1 V) and more than two band widths
 * below the positive peak: at 100 % duty (standby) there is no negative part, the two peaks are one level, and the
 * diode cannot be checked; a steady level between the bands (-5 V) is read as such, not as a PWM.
 */
public final class PilotLevels {

    static final double BAND_HALF_WIDTH = 1.0;
    static final double A_VOLTS = 12.0;
    static final double B_VOLTS = 9.0;
    static final double C_VOLTS = 6.0;
    static final double D_VOLTS = 3.0;
    static final double E_VOLTS = 0.0;
    static final double F_VOLTS = -12.0;

    private PilotLevels() {
    }

    /** What {@code peaks} say: a state in its band, or why not. A burst that did not cover the pilot says nothing. */
    public static PilotReading classify(PilotPeaks peaks) {
        if (!peaks.covered()) {
            return new PilotReading.Uncovered(peaks);
        }
        double positive = peaks.positiveVolts();
        double negative = peaks.negativeVolts();
        if (in(positive, F_VOLTS)) {
            return new PilotReading.Level(VehicleState.F, peaks); // a steady -12 V: the pile says it is not available
        }
        if (negative < E_VOLTS - BAND_HALF_WIDTH && positive - negative > 2 * BAND_HALF_WIDTH) { // the PWM runs
            if (negative < F_VOLTS - BAND_HALF_WIDTH) {
                return new PilotReading.OutOfRange(peaks);
            }
            if (!in(negative, F_VOLTS)) {
                return new PilotReading.NoDiode(peaks);
            }
        }
        if (in(positive, A_VOLTS)) {
            return new PilotReading.Level(VehicleState.A, peaks);
        }
        if (in(positive, B_VOLTS)) {
            return new PilotReading.Level(VehicleState.B, peaks);
        }
        if (in(positive, C_VOLTS)) {
            return new PilotReading.Level(VehicleState.C, peaks);
        }
        if (in(positive, D_VOLTS)) {
            return new PilotReading.Ventilation(peaks);
        }
        if (in(positive, E_VOLTS)) {
            return new PilotReading.Level(VehicleState.E, peaks);
        }
        return new PilotReading.OutOfRange(peaks);
    }

    /** A burst that could not be converted. */
    public static PilotReading unreadable(IOException failure) {
        return new PilotReading.Unreadable(failure.getMessage());
    }

    private static boolean in(double volts, double nominal) {
        return volts >= nominal - BAND_HALF_WIDTH && volts <= nominal + BAND_HALF_WIDTH;
    }
}
