package org.orderly.gateway.web.view;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.orderly.gateway.app.Gateway;
import org.orderly.gateway.app.live.CycleResult;
import org.orderly.gateway.core.model.GridCap;
import org.orderly.gateway.core.plan.Plan;
import org.orderly.gateway.core.tariff.Tariff;
import org.orderly.gateway.store.MinuteReading;
import org.orderly.gateway.store.StoreReader;

/**
 * The chart: the last 24 h from the store's per-minute household and EV load, with the EV load's part no pile measured
 * and the households' part that is a bound (means over 15 minutes), the next 24 h from the plan the last cycle decided
 * with (the plan in force before the first cycle), the grid caps it used, and the tariff's price periods.
 */
public final class ChartBuilder {
    static final Duration SPAN = Duration.ofHours(24);
    static final long STEP_MS = 15 * 60_000L;
    private static final long PRICE_STEP_MS = 5 * 60_000L;

    private final Gateway gateway;
    private final Tariff tariff;
    private final Clock clock;

    public ChartBuilder(Gateway gateway, Clock clock) {
        this.gateway = gateway;
        this.tariff = gateway.config().tariff();
        this.clock = clock;
    }

    public Chart build() {
        Instant now = clock.instant();
        Instant from = now.minus(SPAN);
        Instant to = now.plus(SPAN);
        List<Chart.Point> history;
        try (StoreReader reader = gateway.store().reader()) {
            history = history(reader.readings("compound", "base.kw", from, now),
                    reader.readings("compound", "ev.kw", from, now),
                    reader.readings("compound", "ev.unmeasured.kw", from, now),
                    reader.readings("compound", "base.bound.kw", from, now));
        }
        CycleResult last = gateway.loop().lastResult();
        // The plan the last cycle decided with, as the overview's rows and its planAt are (OverviewBuilder): the page
        // fetches the chart when that planAt changes, and the plan in force may be one the next cycle took before it
        // published its result, newer than the rows beside the chart.
        Plan plan = last != null && last.plan() != null ? last.plan() : gateway.policy().plan();
        List<Chart.Point> planned = new ArrayList<>();
        for (int j = 0; j < plan.slotCount(); j++) {
            long start = plan.slotStart(j) * 1000;
            if (plan.slotEnd(j) * 1000 > now.toEpochMilli() && start < to.toEpochMilli()) {
                planned.add(new Chart.Point(Math.max(start, now.toEpochMilli()), plan.baseKw(j), plan.evKw(j), null,
                        null));
            }
        }
        List<Chart.Band> caps = new ArrayList<>();
        if (last != null) {
            for (GridCap cap : last.caps()) {
                if (cap.overlaps(from, to)) {
                    caps.add(new Chart.Band(cap.from().toEpochMilli(), cap.to().toEpochMilli(), cap.limitKw()));
                }
            }
        }
        return new Chart(from.toEpochMilli(), now.toEpochMilli(), to.toEpochMilli(),
                gateway.config().transformer().limitKw(), history, planned, caps, prices(from, to));
    }

    /**
     * 15-minute means of the minute means; a quarter with no minutes recorded is left out. The part of the EV load no
     * pile measured is the mean of its minutes over the same minutes as the EV load's, and null (not known, which is
     * not 0) when one of those has none: recorded since 2026-12-04 only, it is not known for the minutes before. So is
     * the households' part that is a bound over the household load's minutes, recorded since 2026-12-06.
     */
    static List<Chart.Point> history(List<MinuteReading> base, List<MinuteReading> ev, List<MinuteReading> unmeasured,
                                     List<MinuteReading> bound) {
        Map<Instant, Double> unmeasuredByMinute = byMinute(unmeasured);
        Map<Instant, Double> boundByMinute = byMinute(bound);
        TreeMap<Long, Quarter> quarters = new TreeMap<>();
        for (MinuteReading m : base) {
            quarters.computeIfAbsent(quarter(m), k -> new Quarter()).base.add(m.mean(), boundByMinute.get(m.minute()));
        }
        for (MinuteReading m : ev) {
            quarters.computeIfAbsent(quarter(m), k -> new Quarter()).ev.add(m.mean(), unmeasuredByMinute.get(m.minute()));
        }
        List<Chart.Point> out = new ArrayList<>();
        quarters.forEach((at, q) -> out.add(new Chart.Point(at, q.base.whole.mean(), q.ev.whole.mean(), q.ev.part(),
                q.base.part())));
        return out;
    }

    private static Map<Instant, Double> byMinute(List<MinuteReading> minutes) {
        Map<Instant, Double> out = new HashMap<>();
        minutes.forEach(m -> out.put(m.minute(), m.mean()));
        return out;
    }

    private static long quarter(MinuteReading m) {
        return Math.floorDiv(m.minute().toEpochMilli(), STEP_MS) * STEP_MS;
    }

    /** One quarter hour's minute means of each series. */
    private static final class Quarter {
        /** The household load, and its part that is a bound. */
        final WithPart base = new WithPart();
        /** The EV load, and its part no pile measured. */
        final WithPart ev = new WithPart();
    }

    /** A series' minute means and those of a part of it recorded beside it, which a minute may lack. */
    private static final class WithPart {
        final Mean whole = new Mean();
        final Mean part = new Mean();
        /** Whether a minute of the series has no record of its part. */
        boolean partUnknown;

        /** A minute's mean and its part's, null where the part was not recorded. */
        void add(double mean, Double partMean) {
            whole.add(mean);
            if (partMean == null) {
                partUnknown = true;
            } else {
                part.add(partMean);
            }
        }

        /** The part's mean over the series' minutes; null (not known, which is not 0) when one of them has none. */
        Double part() {
            return partUnknown ? null : part.mean();
        }
    }

    private static final class Mean {
        double sum;
        int n;

        void add(double v) {
            sum += v;
            n++;
        }

        /** Null when nothing was added. */
        Double mean() {
            return n > 0 ? sum / n : null;
        }
    }

    /** Runs of equal price over [from, to), sampled every 5 minutes (tariff periods start on whole minutes). */
    private List<Chart.Band> prices(Instant from, Instant to) {
        List<Chart.Band> out = new ArrayList<>();
        long start = Math.floorDiv(from.toEpochMilli(), PRICE_STEP_MS) * PRICE_STEP_MS;
        long runStart = start;
        double price = tariff.priceAt(Instant.ofEpochMilli(start));
        for (long t = start + PRICE_STEP_MS; t < to.toEpochMilli(); t += PRICE_STEP_MS) {
            double p = tariff.priceAt(Instant.ofEpochMilli(t));
            if (p != price) {
                out.add(new Chart.Band(runStart, t, price));
                runStart = t;
                price = p;
            }
        }
        out.add(new Chart.Band(runStart, to.toEpochMilli(), price));
        return out;
    }
}
