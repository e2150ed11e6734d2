package org.orderly.bridge.sense;

import java.util.Locale;

/**
 * What one burst of conversions saw on the pilot.
 *
 * @param positiveVolts the positive peak: the pilot's level while the generator is at +12 V, which the vehicle's
 *                      resistors pull down to 9, 6 or 3 V
 * @param negativeVolts the negative peak: -12 V while the PWM runs and the vehicle's diode blocks; the same as the
 *                      positive peak when there is no negative part (100 % duty, standby)
 * @param conversions   how many conversions the burst took
 * @param spanNanos     how long it took, first conversion to last
 * @param covered       whether a run of conversions without a gap spanned more than one pilot period, so that both
 *                      parts of the PWM were seen; not so when the burst's thread was preempted for too long
 */
public record PilotPeaks(double positiveVolts, double negativeVolts, int conversions, long spanNanos,
        boolean covered) {

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%+.2f V / %+.2f V", positiveVolts, negativeVolts);
    }
}
