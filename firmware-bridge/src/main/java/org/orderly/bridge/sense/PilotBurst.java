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
 */
public final class PilotBurst {

    /** The pilot's period at 1 kHz: a burst spans more. */
    public static final Duration PILOT_PERIOD = Duration.ofMillis(1);

    private final PilotAdc adc;
    private final PilotCalibration calibration;
    private final ElapsedTime time;
    private final long spanNanos;

    /**
     * @param time what the burst's span is measured by ({@link ElapsedTime#SYSTEM} on the target)
     * @param span how long a burst converts: more than {@link #PILOT_PERIOD}
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

    /** Converts for the burst's span; the peaks it saw. */
    public PilotPeaks read() throws IOException {
        int highest = -1;
        int secondHighest = -1;
        int lowest = PilotAdc.CODES;
        int secondLowest = PilotAdc.CODES;
        int conversions = 0;
        long start = time.nanos();
        long spent;
        do {
            int code = adc.convert();
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
            spent = time.nanos() - start;
        } while (spent < spanNanos);
        int positive = conversions > 1 ? secondHighest : highest;
        int negative = conversions > 1 ? secondLowest : lowest;
        return new PilotPeaks(calibration.pilotVolts(positive), calibration.pilotVolts(negative), conversions, spent);
    }
}
