package org.orderly.gateway.web.view;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.orderly.gateway.store.MinuteReading;

/**
 * How much of each minute a pile's stored power stands for. A minute stored since migration 11 says it itself
 * ({@link MinuteReading#covered}, {@code readings.covered_ms}): its mean is over exactly that part of the minute
 * ({@link org.orderly.gateway.store.MinuteDownsampler}: each report held until the pile's next, or until it is offline,
 * from the first the gateway recorded, up to a stop), so the mean times that part is what the pile's reports say its
 * car drew. A gateway that started at second 53 covered 7 s of that minute, and the minute's mean then is 7 s of
 * charging, not 60; a minute covered 20 s is 20 s, whatever the cycle period was when it was recorded.
 *
 * <p>A minute stored before migration 11 does not say (null), and neither does one whose samples covered no time (0: a
 * report late for a minute already written, read alone). For those the estimate kept is the one used before: the
 * cycle records the pile's current ({@code setpoint.a}) once a cycle, so its samples in the minute times the present
 * cycle period is the time the cycles ran in (a period changed since makes that wrong, which the stored figure is
 * not); a minute with no cycle recorded counts whole: nothing says it was less.
 */
final class MinuteCoverage {
    private static final double MINUTE_MS = 60_000;

    private final Map<Instant, Integer> cycles = new HashMap<>();
    private final double cycleMs;

    /**
     * @param setpointMinutes the pile's {@code setpoint.a} minutes, for the minutes that do not say what they cover
     * @param cyclePeriod     the control cycle's period in the store's time (the world's, in a sped-up demo)
     */
    MinuteCoverage(List<MinuteReading> setpointMinutes, Duration cyclePeriod) {
        if (cyclePeriod.isNegative() || cyclePeriod.isZero()) {
            throw new IllegalArgumentException("cycle period must be positive, was " + cyclePeriod);
        }
        setpointMinutes.forEach(m -> cycles.merge(m.minute(), m.samples(), Integer::sum));
        this.cycleMs = cyclePeriod.toMillis();
    }

    /** The part of the pile's power minute {@code m} its mean stands for, from 0 (exclusive) to 1. */
    double fraction(MinuteReading m) {
        Duration covered = m.covered();
        if (covered != null && !covered.isZero()) {
            return Math.min(1, covered.toMillis() / MINUTE_MS);
        }
        Integer n = cycles.get(m.minute());
        return n == null ? 1 : Math.min(1, n * cycleMs / MINUTE_MS);
    }
}
