package org.orderly.gateway.web.view;

import java.util.List;

/**
 * The chart's data: the last 24 h measured and the next 24 h planned, in 15-minute points (times epoch ms; a kW
 * value is null where nothing was recorded), the limits in force, grid caps, and the tariff's price periods.
 */
public record Chart(long from, long now, long to, double limitKw, List<Point> history, List<Point> plan,
                    List<Band> caps, List<Band> prices) {
    /**
     * One 15-minute point: household and EV load, and the part of the EV load no pile measured (a pile's estimate, or
     * the 0 of one that reads no power): null where not known (minutes recorded before 2026-12-04, and the plan); and
     * the part of the household load that is a bound, not a measurement (a car's draw not known to be in the reading
     * may be counted in it): null where not known (minutes recorded before 2026-12-06, and the plan).
     */
    public record Point(long at, Double baseKw, Double evKw, Double evUnmeasuredKw, Double baseBoundKw) {
    }

    /** A time band: a grid cap (value in kW) or a price period (value the price). */
    public record Band(long from, long to, double value) {
    }
}
