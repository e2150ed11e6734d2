package org.orderly.tools.demo;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.orderly.gateway.core.model.LineLoads;

/**
 * The compound's household load over a day, as a share of the transformer limit: a night trough, a morning
 * bump and the evening peak at 19:00-20:00, interpolated linearly between hourly points; line A carries 38 % of it, B
 * 33 % and C 29 %, so at the evening peak a line limit binds on A before the transformer's total does.
 */
record HouseholdProfile(double limitKw, ZoneId zone) {
    private static final double[] SHARE_BY_HOUR = {
            0.22, 0.18, 0.16, 0.15, 0.15, 0.17, 0.24, 0.33, 0.36, 0.32, 0.30, 0.32,
            0.34, 0.31, 0.30, 0.31, 0.35, 0.45, 0.58, 0.65, 0.63, 0.52, 0.40, 0.29};
    /** Of the households' load, the share on lines A, B and C. */
    private static final double[] LINE_SHARES = {0.38, 0.33, 0.29};

    /** The load {@link #kwAt} on each line: single-phase homes are never spread evenly, so A carries most. */
    LineLoads linesAt(Instant t) {
        double kw = kwAt(t);
        return new LineLoads(kw * LINE_SHARES[0], kw * LINE_SHARES[1], kw * LINE_SHARES[2]);
    }

    double kwAt(Instant t) {
        LocalTime local = t.atZone(zone).toLocalTime();
        double h = local.toSecondOfDay() / 3600.0;
        int i = (int) h;
        double f = h - i;
        return limitKw * (SHARE_BY_HOUR[i] * (1 - f) + SHARE_BY_HOUR[(i + 1) % 24] * f);
    }
}
