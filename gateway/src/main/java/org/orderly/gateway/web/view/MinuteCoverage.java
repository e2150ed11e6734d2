package org.orderly.gateway.web.view;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.orderly.gateway.store.MinuteReading;

/**
 * How much of each minute a pile's stored power stands for: the part the gateway's control cycles ran in. The cycle
 * records the pile's current ({@code setpoint.a}) once a cycle, so its samples in a minute times the cycle period is
 * the time covered; the pile's own reports are no measure of it (a firmware-bridge's come about every 10 s, and more
 * often while its car changes what it draws). A gateway that started at second 53 covered 7 s of that minute, and the
 * minute's mean then is 7 s of charging, not 60. A minute with no cycle recorded counts whole: nothing says it
 * was less.
 *
 * <p>This is the one measure of "covered": the minute's mean power is over the part of it the pile's reports held
 * ({@link org.orderly.gateway.store.MinuteDownsampler}), and a report holds as long as the cycle goes on from it (until
 * the pile's next, or until it is offline), from the first the gateway recorded: the same part the cycles ran in.
 */
final class MinuteCoverage {
    private static final double MINUTE_SECONDS = 60;

    private final Map<Instant, Integer> cycles = new HashMap<>();
    private final double cycleSeconds;

    /**
     * @param setpointMinutes the pile's {@code setpoint.a} minutes
     * @param cyclePeriod     the control cycle's period in the store's time (the world's, in a sped-up demo)
     */
    MinuteCoverage(List<MinuteReading> setpointMinutes, Duration cyclePeriod) {
        if (cyclePeriod.isNegative() || cyclePeriod.isZero()) {
            throw new IllegalArgumentException("cycle period must be positive, was " + cyclePeriod);
        }
        setpointMinutes.forEach(m -> cycles.merge(m.minute(), m.samples(), Integer::sum));
        this.cycleSeconds = cyclePeriod.toMillis() / 1000.0;
    }

    /** The part of {@code minute} the gateway's cycles covered, from 0 (exclusive) to 1. */
    double fraction(Instant minute) {
        Integer n = cycles.get(minute);
        return n == null ? 1 : Math.min(1, n * cycleSeconds / MINUTE_SECONDS);
    }
}
