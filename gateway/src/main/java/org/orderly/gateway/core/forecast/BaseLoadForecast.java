package org.orderly.gateway.core.forecast;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The household (non-EV) load to expect, by quarter hour of the local day and day type (weekday
 * or weekend), learned from what the transformer meter has read: each quarter's mean, smoothed
 * across days. A quarter not seen yet falls back to the other day type, then to a typical
 * residential day shape scaled to the level seen so far (a new gateway must not assume the
 * evening peak looks like the noon it was started at). The planner adds its safety margin on top;
 * the Limiter never trusts a forecast.
 */
public final class BaseLoadForecast {
    private static final int QUARTERS = 96;
    private static final double SMOOTHING = 0.5;
    /**
     * A typical urban residential day, by hour, relative to its evening peak: low before dawn, a
     * morning shoulder, a midday plateau and the peak at 19-21 h. Only a prior: learned quarters
     * replace it.
     */
    private static final double[] TYPICAL_DAY = {0.45, 0.39, 0.35, 0.33, 0.33, 0.36, 0.47, 0.62, 0.62, 0.56,
        0.55, 0.60, 0.63, 0.57, 0.54, 0.55, 0.60, 0.74, 0.91, 1.00, 0.98, 0.91, 0.78, 0.59};

    private final ZoneId zone;
    private final double[][] profile = new double[2][QUARTERS];
    private final boolean[][] seen = new boolean[2][QUARTERS];
    private long currentKey = Long.MIN_VALUE;
    private double sum;
    private int count;
    private double latestKw = Double.NaN;
    private double levelSum;
    private int levelCount;

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
        levelSum += mean / typical(q);
        levelCount++;
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
        if (levelCount > 0) {
            return typical(q) * levelSum / levelCount;
        }
        if (count > 0) {
            ZonedDateTime current = Instant.ofEpochSecond(currentKey * 900).atZone(zone);
            return typical(q) * (sum / count) / typical(quarter(current));
        }
        return latestKw;
    }

    private static double typical(int quarter) {
        double h = quarter / 4.0;
        int i = (int) h;
        double f = h - i;
        return TYPICAL_DAY[i] * (1 - f) + TYPICAL_DAY[(i + 1) % 24] * f;
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
