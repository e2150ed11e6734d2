package org.orderly.tools.simulate;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Reads the compound's non-EV load: kW per interval from the scenario's start, the interval a whole multiple of the
 * step, enough of them to cover the span.
 */
final class BaseLoadReader {
    /** The series as read: {@code kw[i]} holds from {@code start + i * intervalSeconds}. */
    record Series(int intervalSeconds, double[] kw) {
    }

    private final Checks checks;

    BaseLoadReader(Checks checks) {
        this.checks = checks;
    }

    Series read(ScenarioJson.BaseLoad bl, int step, Instant start, Instant end) throws ScenarioException {
        int interval = checks.require(bl.intervalSeconds(), "baseLoad.intervalSeconds");
        if (interval <= 0 || interval % step != 0) {
            throw checks.fail("baseLoad.intervalSeconds: must be a whole multiple of stepSeconds (" + step + "), got "
                    + interval);
        }
        List<Double> kw = checks.require(bl.kw(), "baseLoad.kw");
        long needed = (end.getEpochSecond() - start.getEpochSecond() + interval - 1) / interval;
        if (kw.size() < needed) {
            throw checks.fail("baseLoad.kw: too short: " + kw.size() + " values of " + interval + " s cover "
                    + hours((long) kw.size() * interval) + " h, but start to end is "
                    + hours(end.getEpochSecond() - start.getEpochSecond()) + " h and needs " + needed + " values");
        }
        double[] base = new double[kw.size()];
        for (int i = 0; i < base.length; i++) {
            Double v = kw.get(i);
            if (v == null || !(v >= 0) || v.isInfinite()) {
                throw checks.fail("baseLoad.kw[" + i + "]: must be a number >= 0, got " + v);
            }
            base[i] = v;
        }
        return new Series(interval, base);
    }

    private static String hours(long seconds) {
        return String.format(Locale.ROOT, "%.2f", seconds / 3600.0).replaceAll("\\.?0+$", "");
    }
}
