package org.orderly.bridge.pilot;

import org.orderly.text.AsWritten;

/**
 * IEC 61851-1 (Annex A) mapping between the current offered and the pilot PWM duty cycle.
 *
 * <pre>
 *   duty 10 % .. 85 %   A = duty x 0.6          (6 A .. 51 A)
 *   duty 85 % .. 96 %   A = (duty - 64) x 2.5   (52.5 A .. 80 A)
 * </pre>
 *
 * The two ranges do not meet: 85 % decodes as 51 A, and the next step up the second range is
 * 52.5 A. A request for 51 A &lt; A &lt; 52.5 A therefore signals 85 % (51 A), rounding down:
 * a pile must never signal more than it was allowed. Duty cycles are rounded down to 1e-6 %, so that the duty
 * decodes no more than the current asked for, and the boundaries come out exact (51 / 0.6 is 85.00000000000001 in binary
 * floating point): to the nearest step they decoded up to 1.25e-6 A more, and the offer said 1 uA above the limit (52.500004
 * A as 52.500005 A).
 */
public final class PilotMapping {

    public static final double MIN_AMPS = 6.0;
    public static final double MAX_AMPS = 80.0;
    public static final double MIN_DUTY = 10.0;
    public static final double MAX_DUTY = 96.0;
    /** The offer is said to the microampere ({@link #ampsForDuty}): a limit finer than that is taken rounded down. */
    public static final int AMPS_DECIMALS = 6;
    static final double KNEE_DUTY = 85.0;
    static final double KNEE_AMPS_LOW = 51.0;
    static final double KNEE_AMPS_HIGH = 52.5;

    private PilotMapping() {
    }

    /** The signal for a current: 0 A is {@link PilotSignal.Standby}, 6..80 A a PWM offer. */
    public static PilotSignal signalFor(double amps) {
        if (amps == 0.0) {
            return new PilotSignal.Standby();
        }
        double duty = dutyForAmps(amps);
        return new PilotSignal.Offer(ampsForDuty(duty), duty);
    }

    /** Duty cycle in percent for 6..80 A; anything else is rejected. */
    public static double dutyForAmps(double amps) {
        if (!(amps >= MIN_AMPS && amps <= MAX_AMPS)) {
            throw new IllegalArgumentException("cannot signal " + AsWritten.number(amps) + " A on the control pilot: "
                    + "IEC 61851-1 PWM covers " + AsWritten.number(MIN_AMPS) + ".." + AsWritten.number(MAX_AMPS)
                    + " A (use 0 A for standby)");
        }
        if (amps <= KNEE_AMPS_LOW) {
            return roundDown(amps / 0.6);
        }
        if (amps < KNEE_AMPS_HIGH) {
            return KNEE_DUTY;
        }
        return roundDown(amps / 2.5 + 64.0);
    }

    /** Current in amperes a vehicle decodes from a duty cycle of 10..96 %; anything else is rejected. */
    public static double ampsForDuty(double dutyPercent) {
        if (!(dutyPercent >= MIN_DUTY && dutyPercent <= MAX_DUTY)) {
            throw new IllegalArgumentException("duty " + dutyPercent + " % does not encode a current: "
                    + "IEC 61851-1 PWM offers are " + MIN_DUTY + ".." + MAX_DUTY + " %");
        }
        if (dutyPercent <= KNEE_DUTY) {
            return round(dutyPercent * 0.6);
        }
        return round((dutyPercent - 64.0) * 2.5);
    }

    private static double round(double value) {
        return Math.round(value * 1e6) / 1e6;
    }

    /**
     * Down to a step of 1e-6; a value within a thousandth of a step below one is on it, as binary floating point may
     * put a duty that is exactly on a step (the duty of a limit in whole microamperes is a whole step, or a third or a
     * fifth of one beyond it).
     */
    private static double roundDown(double value) {
        return Math.floor(value * 1e6 + 1e-3) / 1e6;
    }
}
