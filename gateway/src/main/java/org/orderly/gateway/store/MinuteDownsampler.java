package org.orderly.gateway.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds samples into per-minute min/mean/max per meter and quantity. A minute is handed out once it is
 * over: when a later sample of the same series arrives, or when {@link #closeBefore} is called with a time
 * past it. Non-finite values (a failed read decoded as NaN) are ignored. Not thread-safe: the writer
 * thread owns it.
 */
public final class MinuteDownsampler {
    private final Map<String, Bucket> open = new LinkedHashMap<>();

    /** Adds a sample; returns the minutes it closed (at most one). */
    public List<MinuteReading> add(Sample s) {
        if (!Double.isFinite(s.value())) {
            return List.of();
        }
        long minute = Math.floorDiv(s.at().getEpochSecond(), 60);
        String key = s.meter() + '\u0000' + s.quantity();
        Bucket b = open.get(key);
        List<MinuteReading> closed = List.of();
        if (b != null && b.minute != minute) {
            closed = List.of(b.reading());
            b = null;
        }
        if (b == null) {
            b = new Bucket(s.meter(), s.quantity(), minute);
            open.put(key, b);
        }
        b.add(s.value());
        return closed;
    }

    /** Closes every minute that ended at or before {@code t}. */
    public List<MinuteReading> closeBefore(Instant t) {
        long current = Math.floorDiv(t.getEpochSecond(), 60);
        List<MinuteReading> out = new ArrayList<>();
        for (Iterator<Bucket> it = open.values().iterator(); it.hasNext(); ) {
            Bucket b = it.next();
            if (b.minute < current) {
                out.add(b.reading());
                it.remove();
            }
        }
        return out;
    }

    /** Closes every open minute, finished or not (on shutdown). */
    public List<MinuteReading> closeAll() {
        List<MinuteReading> out = new ArrayList<>();
        open.values().forEach(b -> out.add(b.reading()));
        open.clear();
        return out;
    }

    private static final class Bucket {
        final String meter;
        final String quantity;
        final long minute;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum;
        int n;

        Bucket(String meter, String quantity, long minute) {
            this.meter = meter;
            this.quantity = quantity;
            this.minute = minute;
        }

        void add(double v) {
            min = Math.min(min, v);
            max = Math.max(max, v);
            sum += v;
            n++;
        }

        MinuteReading reading() {
            double mean = Math.max(min, Math.min(max, sum / n));
            return new MinuteReading(meter, quantity, Instant.ofEpochSecond(minute * 60), min, mean, max, n);
        }
    }
}
