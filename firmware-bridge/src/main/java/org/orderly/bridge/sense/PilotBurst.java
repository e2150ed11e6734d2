package org.orderly.bridge.sense;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import org.orderly.bridge.lease.ElapsedTime;

/**
 * One look at the pilot: conversions back to back until more than one 1 kHz period has passed, so that both the
 * positive and the negative part of the PWM are seen whatever the duty.
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
        throw new UnsupportedOperationException("not built yet");
    }
}
