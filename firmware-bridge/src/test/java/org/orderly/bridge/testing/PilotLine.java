package org.orderly.bridge.testing;

/** The control pilot's voltage at any moment (nanoseconds on the converter's clock): what a scripted ADC converts. */
@FunctionalInterface
public interface PilotLine {

    /** The pilot's period at 1 kHz. */
    long PERIOD_NANOS = 1_000_000L;

    double volts(long nanos);

    /** A steady level: the pile in standby (100 %) or driving -12 V, or a line shorted. */
    static PilotLine steady(double volts) {
        return nanos -> volts;
    }

    /** A 1 kHz PWM at {@code dutyPercent}, {@code high} for the first part of each period and {@code low} after. */
    static PilotLine pwm(double high, double low, double dutyPercent) {
        long highNanos = Math.round(PERIOD_NANOS * dutyPercent / 100.0);
        return nanos -> Math.floorMod(nanos, PERIOD_NANOS) < highNanos ? high : low;
    }
}
