package org.orderly.gateway.field;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.orderly.gateway.core.time.Tick;
import org.orderly.gateway.field.modbus.FailureKind;

/**
 * One meter's polls since {@link #began} on the poller's ticker: how many ended, and how many of them failed, by the
 * kind of their first failure. A poll counts once, however many of its reads fail.
 */
final class PollWindow {
    /** The meter as log lines name it, e.g. {@code meter tx (unit 1)}. */
    private final String meter;
    private final Tick began;
    private int polls;
    private final Map<FailureKind, Integer> failed = new EnumMap<>(FailureKind.class);

    PollWindow(String meter, Tick began) {
        this.meter = meter;
        this.began = began;
    }

    String meter() {
        return meter;
    }

    void answered() {
        polls++;
    }

    void failed(FailureKind kind) {
        polls++;
        failed.merge(kind, 1, Integer::sum);
    }

    Duration age(Tick now) {
        return now.since(began);
    }

    int polls() {
        return polls;
    }

    int failedPolls() {
        return failed.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** The failed polls by kind, most first, e.g. {@code GARBLED 30, TIMEOUT 7}. */
    String failedByKind() {
        return failed.entrySet().stream()
                .sorted(Map.Entry.<FailureKind, Integer>comparingByValue().reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }
}
