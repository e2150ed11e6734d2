package org.orderly.gateway.field.modbus;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The newest reading of every meter, written by the bus pollers and read by the control thread
 * without waiting. A reading only replaces an older one (a slow bus cannot roll a value back).
 */
public final class LatestReadings {

    private final Map<String, Reading> latest = new ConcurrentHashMap<>();

    public void publish(Reading reading) {
        latest.merge(reading.meterId(), reading,
                (old, neu) -> neu.readAt().isBefore(old.readAt()) ? old : neu);
    }

    public Optional<Reading> latest(String meterId) {
        return Optional.ofNullable(latest.get(meterId));
    }

    /** True when the meter has no reading or its newest is older than {@code maxAge}. */
    public boolean isStale(String meterId, Instant now, Duration maxAge) {
        Reading r = latest.get(meterId);
        return r == null || r.isStale(now, maxAge);
    }

    /** A copy of every meter's newest reading. */
    public Map<String, Reading> snapshot() {
        return Map.copyOf(latest);
    }
}
