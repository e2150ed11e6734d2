package org.orderly.gateway.core.tariff;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * Time-of-use prices by local time of day. The periods must cover every minute of the day exactly
 * once. Seasons and holidays can later become a choice of period list per day.
 */
public final class Tariff {
    private final ZoneId zone;
    private final List<TariffPeriod> periods;
    private final double[] priceByMinute = new double[24 * 60];

    public Tariff(ZoneId zone, List<TariffPeriod> periods) {
        this.zone = zone;
        this.periods = List.copyOf(periods);
        for (int m = 0; m < priceByMinute.length; m++) {
            int covering = -1;
            for (int i = 0; i < this.periods.size(); i++) {
                if (this.periods.get(i).covers(m)) {
                    if (covering >= 0) {
                        throw new IllegalArgumentException("tariff periods " + this.periods.get(covering).from() + "-"
                                + this.periods.get(covering).to() + " and " + this.periods.get(i).from() + "-"
                                + this.periods.get(i).to() + " overlap at " + hhmm(m));
                    }
                    covering = i;
                }
            }
            if (covering < 0) {
                throw new IllegalArgumentException("tariff periods do not cover " + hhmm(m));
            }
            priceByMinute[m] = this.periods.get(covering).pricePerKWh();
        }
    }

    private static String hhmm(int minute) {
        return String.format("%02d:%02d", minute / 60, minute % 60);
    }

    public ZoneId zone() {
        return zone;
    }

    public List<TariffPeriod> periods() {
        return periods;
    }

    public double priceAt(Instant t) {
        ZonedDateTime local = t.atZone(zone);
        return priceByMinute[local.getHour() * 60 + local.getMinute()];
    }

    /** Time-weighted mean price over [from, to), sampled by the minute. */
    public double meanPrice(Instant from, Instant to) {
        long minutes = Math.max(1, (to.getEpochSecond() - from.getEpochSecond() + 59) / 60);
        double sum = 0;
        for (long i = 0; i < minutes; i++) {
            sum += priceAt(from.plusSeconds(60 * i));
        }
        return sum / minutes;
    }
}
