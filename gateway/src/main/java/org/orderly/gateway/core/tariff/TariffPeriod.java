package org.orderly.gateway.core.tariff;

import java.time.LocalTime;
import java.util.Objects;

/**
 * A daily local-time period [{@code from}, {@code to}) at one price; {@code to} may wrap past midnight, and a
 * {@code to} equal to {@code from} is the whole day from there (00:00-24:00, a flat price, is one period, as written).
 */
public record TariffPeriod(LocalTime from, LocalTime to, double pricePerKWh) {
    public TariffPeriod {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!(pricePerKWh >= 0)) {
            throw new IllegalArgumentException("tariff period " + from + "-" + to + ": price must be >= 0");
        }
    }

    /** Also the whole day when {@code from} equals {@code to}: every minute is at or after {@code from}, or before it. */
    boolean covers(int minuteOfDay) {
        int a = from.getHour() * 60 + from.getMinute();
        int b = to.getHour() * 60 + to.getMinute();
        return a < b ? a <= minuteOfDay && minuteOfDay < b : minuteOfDay >= a || minuteOfDay < b;
    }
}
