package org.orderly.gateway.field.modbus;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.orderly.gateway.core.time.Tick;

/**
 * The newest reading of every meter, written by the bus pollers and read by the control thread
 * without waiting. A reading only replaces one taken earlier (a slow bus cannot roll a value back),
 * earlier by the ticker, not by the wall clock's stamp: after NTP steps the wall clock back, every
 * new reading would otherwise look older than the last one before the step, and be dropped.
 */
public final class LatestReadings {

    private final Map<String, Reading> latest = new ConcurrentHashMap<>();

    public void publish(Reading reading) {
        latest.merge(reading.meterId(), reading,
                (old, neu) -> neu.tick().isBefore(old.tick()) ? old : neu);
    }

    public Optional<Reading> latest(String meterId) {
        return Optional.ofNullable(latest.get(meterId));
    }

    /** True when the meter has no reading or its newest is older than {@code maxAge} at {@code now}. */
    public boolean isStale(String meterId, Tick now, Duration maxAge) {
        Reading r = latest.get(meterId);
        return r == null || r.isStale(now, maxAge);
    }

    /** A copy of every meter's newest reading. */
    public Map<String, Reading> snapshot() {
        return Map.copyOf(latest);
    }
}
