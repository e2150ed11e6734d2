package org.orderly.tools.systemd;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * How often systemd wants to hear {@code WATCHDOG=1}, read from what it sets for a unit with {@code WatchdogSec=}:
 * {@code WATCHDOG_USEC} (the timeout) and, optionally, {@code WATCHDOG_PID} (the process meant). sd_watchdog_enabled(3)
 * advises notifying at half the timeout, so one late notification is not yet fatal.
 */
public final class WatchdogSettings {
    private WatchdogSettings() {
    }

    /**
     * @return the interval to notify at, or empty when no watchdog is asked for this process
     * @throws IllegalArgumentException when {@code WATCHDOG_USEC} is not a positive number of microseconds
     */
    public static Optional<Duration> interval(Map<String, String> env, long pid) {
        String usec = env.get("WATCHDOG_USEC");
        if (usec == null || usec.isBlank()) {
            return Optional.empty();
        }
        String forPid = env.get("WATCHDOG_PID");
        if (forPid != null && !forPid.isBlank() && !forPid.strip().equals(Long.toString(pid))) {
            return Optional.empty();
        }
        long micros;
        try {
            micros = Long.parseLong(usec.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("WATCHDOG_USEC='" + usec + "' is not a number of microseconds", e);
        }
        if (micros <= 0) {
            throw new IllegalArgumentException("WATCHDOG_USEC=" + micros + " must be positive");
        }
        return Optional.of(Duration.ofNanos(micros * 1000 / 2));
    }
}
