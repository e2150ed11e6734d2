package org.orderly.tools.aggregate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Telemetry sorted into time buckets by the instant it refers to ({@code ts}), aligned to the epoch (a 1-minute
 * bucket starts on the minute). Within a bucket each gateway counts once, with its latest reading. A bucket closes
 * {@code grace} after it ends, so telemetry that is a little late still counts; later telemetry is counted as late
 * and left out. Not thread-safe; {@link Aggregator} serialises access.
 */
public final class LoadBuckets {

    /**
     * A bucket's content when it closes; the counters are added by the caller. {@code baseBoundKw} is the part of
     * {@code baseKw} the gateways said was a bound, not a measurement (their {@code baseBound}); {@code
     * baseKindUnknownKw} the part from gateways that did not say which (before 2026-12-06).
     */
    public record Sums(Instant start, Instant end, int gateways, int transformerUnknown, double transformerKw,
                       double baseKw, double evKw, double limitKw, double shedKw, double addKw, double baseBoundKw,
                       double baseKindUnknownKw) {
    }

    private record Reading(Instant ts, Telemetry telemetry) {
    }

    private final long bucketMs;
    private final Duration grace;
    private final TreeMap<Long, Map<String, Reading>> open = new TreeMap<>();
    /** Buckets starting before this are exported; telemetry for them is late. */
    private long closedBeforeMs = Long.MIN_VALUE;
    private long late;

    public LoadBuckets(Duration bucket, Duration grace) {
        if (bucket.toMillis() < 1000) {
            throw new IllegalArgumentException("bucket " + bucket + " is shorter than 1 s");
        }
        if (grace.isNegative()) {
            throw new IllegalArgumentException("grace " + grace + " is negative");
        }
        this.bucketMs = bucket.toMillis();
        this.grace = grace;
    }

    /** Files the reading; false if its bucket was already closed (then it is counted as late). */
    public boolean add(String gatewayId, Instant ts, Telemetry telemetry) {
        long start = Math.floorDiv(ts.toEpochMilli(), bucketMs) * bucketMs;
        if (start < closedBeforeMs) {
            late++;
            return false;
        }
        open.computeIfAbsent(start, k -> new HashMap<>())
                .merge(gatewayId, new Reading(ts, telemetry), (old, neu) -> neu.ts().isBefore(old.ts()) ? old : neu);
        return true;
    }

    /** Closes, oldest first, every bucket that ended at least {@code grace} before {@code now}. */
    public List<Sums> closeDue(Instant now) {
        long lastDueStart = now.minus(grace).toEpochMilli() - bucketMs;
        List<Sums> out = closeWhileStartAtMost(lastDueStart);
        // Empty buckets close too: telemetry for them now would be late as well.
        closedBeforeMs = Math.max(closedBeforeMs, Math.floorDiv(lastDueStart, bucketMs) * bucketMs + bucketMs);
        return out;
    }

    /** Closes every open bucket, finished or not (at shutdown). */
    public List<Sums> closeAll() {
        return closeWhileStartAtMost(Long.MAX_VALUE);
    }

    private List<Sums> closeWhileStartAtMost(long lastStartMs) {
        List<Sums> out = new ArrayList<>();
        while (!open.isEmpty() && open.firstKey() <= lastStartMs) {
            Map.Entry<Long, Map<String, Reading>> e = open.pollFirstEntry();
            out.add(sum(e.getKey(), e.getValue()));
            closedBeforeMs = Math.max(closedBeforeMs, e.getKey() + bucketMs);
        }
        return out;
    }

    private Sums sum(long startMs, Map<String, Reading> byGateway) {
        double transformer = 0, base = 0, ev = 0, limit = 0, shed = 0, add = 0, bound = 0, kindUnknown = 0;
        int unknown = 0;
        for (Reading r : byGateway.values()) {
            Telemetry t = r.telemetry();
            if (t.transformerKw() == null) {
                unknown++;
            }
            transformer += orZero(t.transformerKw());
            base += orZero(t.baseKw());
            ev += orZero(t.evKw());
            limit += orZero(t.limitKw());
            shed += orZero(t.shedKw());
            add += orZero(t.addKw());
            // Summed apart as well, as telemetry's baseBound asks: a bound is at most the households' load, and a
            // compound whose piles never say their draw reports one whenever a car may draw there.
            bound += t.baseBoundKw();
            // A gateway before baseBound says nothing, and its baseKw may be such a bound: neither part, summed apart.
            kindUnknown += t.baseKindUnknownKw();
        }
        return new Sums(Instant.ofEpochMilli(startMs), Instant.ofEpochMilli(startMs + bucketMs), byGateway.size(),
                unknown, transformer, base, ev, limit, shed, add, bound, kindUnknown);
    }

    private static double orZero(Double v) {
        return v == null ? 0 : v;
    }

    public long late() {
        return late;
    }
}
