package org.orderly.gateway.core.forecast;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The household (non-EV) load to expect, by quarter hour of the local day and day type (weekday
 * or weekend), learned from what the transformer meter has read: each quarter's mean, smoothed
 * across days. A quarter not seen yet falls back to the other day type, then to the latest
 * reading. The planner adds its safety margin on top; the Limiter never trusts a forecast.
 */
public final class BaseLoadForecast {
    private static final int QUARTERS = 96;
    private static final double SMOOTHING = 0.5;

    private final ZoneId zone;
    private final double[][] profile = new double[2][QUARTERS];
    private final boolean[][] seen = new boolean[2][QUARTERS];
    private long currentKey = Long.MIN_VALUE;
    private double sum;
    private int count;
    private double latestKw = Double.NaN;

    public BaseLoadForecast(ZoneId zone) {
        this.zone = zone;
    }

    /** Records one reading of the household load. Readings must come in time order. */
    public void observe(Instant t, double kw) {
        long key = Math.floorDiv(t.getEpochSecond(), 900);
        if (key != currentKey) {
            commit();
            currentKey = key;
        }
        sum += kw;
        count++;
        latestKw = kw;
    }

    private void commit() {
        if (count == 0) {
            return;
        }
        ZonedDateTime local = Instant.ofEpochSecond(currentKey * 900).atZone(zone);
        int type = dayType(local);
        int q = quarter(local);
        double mean = sum / count;
        profile[type][q] = seen[type][q] ? SMOOTHING * mean + (1 - SMOOTHING) * profile[type][q] : mean;
        seen[type][q] = true;
        sum = 0;
        count = 0;
    }

    /** Expected household load at {@code t}, in kW; NaN before any reading. */
    public double expectedKw(Instant t) {
        ZonedDateTime local = t.atZone(zone);
        int type = dayType(local);
        int q = quarter(local);
        if (seen[type][q]) {
            return profile[type][q];
        }
        if (seen[1 - type][q]) {
            return profile[1 - type][q];
        }
        return latestKw;
    }

    public double latestKw() {
        return latestKw;
    }

    private static int dayType(ZonedDateTime t) {
        return t.getDayOfWeek().getValue() >= 6 ? 1 : 0;
    }

    private static int quarter(ZonedDateTime t) {
        return t.getHour() * 4 + t.getMinute() / 15;
    }
}
