package org.orderly.gateway.store;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds samples into per-minute min/mean/max per meter and quantity, over time: each sample stands for its series from
 * its time until the series' next sample, for at most its {@link Sample#holds} (sample-and-hold). A minute's mean is
 * the integral of the held values over the part of the minute they cover, divided by that part; its minimum and maximum
 * are the extremes of the values held in it. A pile that draws 7 kW for 55 s and reports 0 kW three times in the last
 * 5 s has a mean of 6.4 kW, not the 1.75 kW of its four reports.
 *
 * <p>The start of a minute before its first sample is covered by the series' previous sample while that still holds,
 * also from a minute before; the last sample of a minute covers it until the minute's end (a later sample closes the
 * minute after, or the writer's tick once the clock is past it) unless its hold ends sooner. A minute the series has no
 * sample in is not written, even when a value held into it: such a minute is a silence, as it was before (the page's
 * today fills it from the pile's counter, the chart leaves it out). What is not covered (before the gateway's first
 * sample of a series, after a hold ran out) counts for nothing. A minute whose samples cover no time (a report late for
 * a minute already written) has the plain mean of its samples. Each minute says how much of it its mean covers
 * ({@link MinuteReading#covered}): for a pile's power, what the page's today counts the minute's mean for
 * ({@code MinuteCoverage}), and for every series the weight by which a minute written twice is merged
 * ({@link ReadingsTable#upsert}). Non-finite values (a failed read decoded as NaN) are ignored. No clock of its own:
 * times are the samples'. Not thread-safe: the writer thread owns it.
 */
public final class MinuteDownsampler {
    private static final long MINUTE_MS = 60_000;

    private final Map<String, Series> series = new LinkedHashMap<>();

    /** Adds a sample; returns the minutes it closed (at most one). */
    public List<MinuteReading> add(Sample s) {
        if (!Double.isFinite(s.value())) {
            return List.of();
        }
        return series.computeIfAbsent(s.meter() + '\u0000' + s.quantity(), k -> new Series(s.meter(), s.quantity()))
                .add(s);
    }

    /** Closes every minute that ended at or before {@code t}. */
    public List<MinuteReading> closeBefore(Instant t) {
        long now = t.toEpochMilli();
        long current = Math.floorDiv(now, MINUTE_MS);
        List<MinuteReading> out = new ArrayList<>();
        for (Iterator<Series> it = series.values().iterator(); it.hasNext(); ) {
            Series x = it.next();
            if (x.open != null && x.open.minute < current) {
                out.add(x.close());
            }
            if (x.open == null && x.lastUntil <= now) {
                // Its last value holds no longer: nothing of it is carried into a later minute.
                it.remove();
            }
        }
        return out;
    }

    /**
     * Closes every open minute, finished or not (on shutdown, and before a clock step moves the minutes), each covered
     * up to its end at most; no value is held over into what comes after.
     */
    public List<MinuteReading> closeAll() {
        return closeAll(Instant.ofEpochMilli(Long.MAX_VALUE));
    }

    /**
     * As {@link #closeAll()}, each open minute covered up to {@code until} at most: the gateway stops then (or the
     * clock is set then, on the time line it leaves), and a value held past it stood for nothing. A minute closed at
     * second 50 covers 50 s, not 60, and the next run's part of it, merged with it by the time each covers, is not
     * outweighed.
     */
    public List<MinuteReading> closeAll(Instant until) {
        long end = until.toEpochMilli();
        List<MinuteReading> out = new ArrayList<>();
        for (Series x : series.values()) {
            if (x.open != null) {
                out.add(x.close(end));
            }
        }
        series.clear();
        return out;
    }

    /** One meter quantity: its last sample (which may hold into minutes after its own) and its open minute. */
    private static final class Series {
        final String meter;
        final String quantity;
        boolean heard;
        long lastAt;
        double lastValue;
        long lastUntil = Long.MIN_VALUE;
        /** Up to when the series' time is in a minute already: a late sample covers nothing twice. */
        long accountedTo = Long.MIN_VALUE;
        Bucket open;

        Series(String meter, String quantity) {
            this.meter = meter;
            this.quantity = quantity;
        }

        List<MinuteReading> add(Sample s) {
            long t = s.at().toEpochMilli();
            if (heard && t < lastAt) {
                // The clock went back: what the last sample held was on the other time line, and is not carried over.
                heard = false;
                accountedTo = Long.MIN_VALUE;
            }
            long minute = Math.floorDiv(t, MINUTE_MS);
            List<MinuteReading> closed = List.of();
            if (open != null && open.minute != minute) {
                closed = List.of(close());
            }
            if (open == null) {
                open = new Bucket(minute);
            }
            if (heard) {
                hold(lastValue, lastAt, Math.min(lastUntil, t));
            }
            open.sample(s.value());
            heard = true;
            lastAt = t;
            lastValue = s.value();
            long holds = s.holds().toMillis();
            lastUntil = holds > Long.MAX_VALUE - t ? Long.MAX_VALUE : t + holds;
            return closed;
        }

        MinuteReading close() {
            return close(Long.MAX_VALUE);
        }

        /** Closes the open minute, its last value held up to {@code until} at most. */
        MinuteReading close(long until) {
            if (heard) {
                hold(lastValue, lastAt, Math.min(lastUntil, until));
            }
            MinuteReading r = open.reading(meter, quantity);
            open = null;
            return r;
        }

        /** {@code value} held from {@code from} to {@code to}, the part of it in the open minute not counted yet. */
        private void hold(double value, long from, long to) {
            long start = Math.max(Math.max(from, accountedTo), open.minute * MINUTE_MS);
            long end = Math.min(to, (open.minute + 1) * MINUTE_MS);
            if (end > start) {
                open.held(value, end - start);
                accountedTo = end;
            }
        }
    }

    private static final class Bucket {
        final long minute;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        /** The held values times the milliseconds they cover. */
        double integral;
        long coveredMs;
        double sum;
        int n;

        Bucket(long minute) {
            this.minute = minute;
        }

        void sample(double v) {
            min = Math.min(min, v);
            max = Math.max(max, v);
            sum += v;
            n++;
        }

        void held(double v, long ms) {
            min = Math.min(min, v);
            max = Math.max(max, v);
            integral += v * ms;
            coveredMs += ms;
        }

        MinuteReading reading(String meter, String quantity) {
            double mean = coveredMs > 0 ? integral / coveredMs : sum / n;
            // A clock stepped back within the minute may have counted part of it twice: it covers the minute at most.
            return new MinuteReading(meter, quantity, Instant.ofEpochMilli(minute * MINUTE_MS), min,
                    Math.max(min, Math.min(max, mean)), max, n, Duration.ofMillis(Math.min(coveredMs, MINUTE_MS)));
        }
    }
}
