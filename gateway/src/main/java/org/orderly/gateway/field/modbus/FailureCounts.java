package org.orderly.gateway.field.modbus;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link PollListener} that counts failures per meter and kind, and readings per meter; thread-safe. The live
 * gateway's is the page's {@code /metrics}; the pollers' threads count, a scrape reads.
 */
public final class FailureCounts implements PollListener {

    private final Map<String, Map<FailureKind, AtomicLong>> failures = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> readings = new ConcurrentHashMap<>();

    @Override
    public void onReading(Reading reading) {
        readings.computeIfAbsent(reading.meterId(), k -> new AtomicLong()).incrementAndGet();
    }

    @Override
    public void onFailure(PollFailure failure) {
        failures.computeIfAbsent(failure.meterId(), k -> new ConcurrentHashMap<>())
                .computeIfAbsent(failure.kind(), k -> new AtomicLong()).incrementAndGet();
    }

    public long failures(String meterId, FailureKind kind) {
        AtomicLong n = failures.getOrDefault(meterId, Map.of()).get(kind);
        return n == null ? 0 : n.get();
    }

    public long readings(String meterId) {
        AtomicLong n = readings.get(meterId);
        return n == null ? 0 : n.get();
    }

    /** Every meter polled so far, answered or failed, by id in order. */
    public Set<String> meters() {
        Set<String> out = new TreeSet<>(readings.keySet());
        out.addAll(failures.keySet());
        return out;
    }

    /** Failures of one meter by kind. */
    public Map<FailureKind, Long> failures(String meterId) {
        Map<FailureKind, Long> out = new EnumMap<>(FailureKind.class);
        failures.getOrDefault(meterId, Map.of()).forEach((k, v) -> out.put(k, v.get()));
        return out;
    }
}
