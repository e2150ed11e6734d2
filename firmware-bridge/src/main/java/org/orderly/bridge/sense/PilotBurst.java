package org.orderly.bridge.sense;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import org.orderly.bridge.lease.ElapsedTime;

/**
 * One look at the pilot: conversions back to back until more than one 1 kHz period has passed, so that both the
 * positive and the negative part of the PWM are seen whatever the duty. The peaks are the second highest and second
 * lowest conversions: one outlier (a spike as the contactor switches) is not taken for the pilot's level, and a part
 * the burst caught only once reads as no part at all, which is a level rather than an error.
 *
 * <p>A burst whose thread is preempted (a loaded board) can pass its span with a few conversions, all in one part of
 * the PWM: a charging car would read as a steady -12 V. So the burst must also have <em>covered</em> the pilot: a run
 * of conversions without a {@linkplain #MAX_GAP gap} that spans more than one period. Until it has, it converts on
 * past its span, up to twice the span; a burst that has not covered the pilot by then says so
 * ({@link PilotPeaks#covered()}).
 */
public final class PilotBurst {

    /** The pilot's period at 1 kHz: a burst spans more. */
    public static final Duration PILOT_PERIOD = Duration.ofMillis(1);
    /**
     * Wider than this between two conversions is the thread stopped, not the converter's pace (20 or more per ms): a
     * quarter of the pilot's period, in which a part of the PWM can come and go unseen.
     */
    public static final Duration MAX_GAP = PILOT_PERIOD.dividedBy(4);

    private final PilotAdc adc;
    private final PilotCalibration calibration;
    private final ElapsedTime time;
    private final long spanNanos;

    /**
     * @param time what the burst's span is measured by ({@link ElapsedTime#SYSTEM} on the target)
     * @param span how long a burst converts: more than {@link #PILOT_PERIOD}; a preempted burst up to twice as long
     */
    public PilotBurst(PilotAdc adc, PilotCalibration calibration, ElapsedTime time, Duration span) {
        this.adc = Objects.requireNonNull(adc, "adc");
        this.calibration = Objects.requireNonNull(calibration, "calibration");
        this.time = Objects.requireNonNull(time, "time");
        if (span.compareTo(PILOT_PERIOD) <= 0) {
            throw new IllegalArgumentException("pilot burst of " + span.toNanos() / 1000 + " us must span more than "
                    + "one 1 kHz pilot period (" + PILOT_PERIOD.toNanos() / 1000 + " us)");
        }
        this.spanNanos = span.toNanos();
    }

    /** Converts for the burst's span, and on until it has covered the pilot or twice the span has passed. */
    public PilotPeaks read() throws IOException {
        long periodNanos = PILOT_PERIOD.toNanos();
        long maxGapNanos = MAX_GAP.toNanos();
        int highest = -1;
        int secondHighest = -1;
        int lowest = PilotAdc.CODES;
        int secondLowest = PilotAdc.CODES;
        int conversions = 0;
        long start = time.nanos();
        long runStart = start;
        long last = start;
        boolean covered = false;
        long spent;
        do {
            int code = adc.convert();
            long now = time.nanos();
            conversions++;
            if (code > highest) {
                secondHighest = highest;
                highest = code;
            } else if (code > secondHighest) {
                secondHighest = code;
            }
            if (code < lowest) {
                secondLowest = lowest;
                lowest = code;
            } else if (code < secondLowest) {
                secondLowest = code;
            }
            if (now - last > maxGapNanos) {
                runStart = now; // what was converted before the gap still counts for the peaks, not for the cover
            }
            last = now;
            covered |= now - runStart > periodNanos;
            spent = now - start;
        } while (spent < spanNanos || !covered && spent < 2 * spanNanos);
        int positive = conversions > 1 ? secondHighest : highest;
        int negative = conversions > 1 ? secondLowest : lowest;
        return new PilotPeaks(calibration.pilotVolts(positive), calibration.pilotVolts(negative), conversions, spent,
                covered);
    }
}
