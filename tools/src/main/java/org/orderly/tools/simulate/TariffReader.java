package org.orderly.tools.simulate;

import static org.orderly.tools.simulate.Checks.quote;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.orderly.gateway.core.tariff.Tariff;
import org.orderly.gateway.core.tariff.TariffPeriod;
import org.orderly.gateway.core.tariff.TimeOfDay;

/**
 * Reads the tariff of a scenario: daily periods of local time, HH:MM or H:MM ({@link TimeOfDay}) to HH:MM ({@code to}
 * may wrap past midnight, and be 24:00), that cover every minute of the day once, each at a finite price of 0 or more.
 */
final class TariffReader {
    private static final int MINUTES_PER_DAY = 24 * 60;

    private final Checks checks;

    TariffReader(Checks checks) {
        this.checks = checks;
    }

    Tariff read(ScenarioJson.Tariff t, ZoneId zone) throws ScenarioException {
        List<ScenarioJson.Period> list = checks.require(t.periods(), "tariff.periods");
        if (list.isEmpty()) {
            throw checks.fail("tariff.periods: empty; the periods must cover all 24 h");
        }
        List<TariffPeriod> periods = new ArrayList<>();
        int[] owner = new int[MINUTES_PER_DAY];
        Arrays.fill(owner, -1);
        for (int i = 0; i < list.size(); i++) {
            String where = "tariff.periods[" + i + "]";
            ScenarioJson.Period p = checks.require(list.get(i), where);
            LocalTime from = clock(checks.require(p.from(), where + ".from"), where + ".from", false);
            LocalTime to = clock(checks.require(p.to(), where + ".to"), where + ".to", true);
            // 0 is a free hour; the gateway's tariff takes no negative price
            double price = checks.nonNegative(checks.require(p.pricePerKWh(), where + ".pricePerKWh"),
                    where + ".pricePerKWh");
            int a = minuteOfDay(from);
            int b = minuteOfDay(to);
            boolean wholeDay = a == 0 && "24:00".equals(p.to());
            if (a == b && !wholeDay) {
                throw checks.fail(where + ": 'from' and 'to' are both " + p.from()
                        + "; use 00:00 to 24:00 for the whole day");
            }
            int len = wholeDay ? MINUTES_PER_DAY : Math.floorMod(b - a, MINUTES_PER_DAY);
            for (int m = 0; m < len; m++) {
                int minute = (a + m) % MINUTES_PER_DAY;
                if (owner[minute] >= 0) {
                    int other = owner[minute];
                    int until = minute;
                    int n = m;
                    while (n < len && owner[until] == other) {
                        n++;
                        until = (a + n) % MINUTES_PER_DAY;
                    }
                    throw checks.fail(where + ": " + span(list.get(i)) + " overlaps tariff.periods[" + other + "] ("
                            + span(list.get(other)) + ") from " + hhmm(minute) + " to " + hhmm(until));
                }
                owner[minute] = i;
            }
            // 00:00-24:00 (wholeDay) is one period: the core takes a period that ends where it starts as the whole day.
            periods.add(new TariffPeriod(from, to, price));
        }
        for (int m = 0; m < MINUTES_PER_DAY; m++) {
            int before = Math.floorMod(m - 1, MINUTES_PER_DAY);
            if (owner[m] < 0 && owner[before] >= 0) {
                int end = m;
                do {
                    end = (end + 1) % MINUTES_PER_DAY;
                } while (end != m && owner[end] < 0);
                throw checks.fail("tariff.periods: must cover all 24 h, but no period covers " + hhmm(m) + " to "
                        + hhmm(end));
            }
        }
        try {
            return new Tariff(zone, periods);
        } catch (IllegalArgumentException e) {
            throw checks.fail("tariff.periods: " + e.getMessage());
        }
    }

    /**
     * HH:MM, or H:MM as a price sheet writes it ({@code 7:00}; the spec does not ask for two digits, and score.py reads
     * either); 24:00, the end of a day, only {@code asEnd} (it reads as 00:00, the caller tells the whole day).
     */
    private LocalTime clock(String text, String where, boolean asEnd) throws ScenarioException {
        if ("24:00".equals(text)) {
            if (!asEnd) {
                throw checks.fail(where + ": 24:00 is the end of a day, not a start; use 00:00");
            }
            return LocalTime.MIDNIGHT;
        }
        // Not LocalTime's parse: it would take seconds too, which the tariff (by the minute) would silently drop
        Optional<LocalTime> time = TimeOfDay.parse(text);
        if (time.isEmpty()) {
            throw checks.fail(where + ": cannot read " + quote(text) + " as HH:MM or H:MM");
        }
        return time.get();
    }

    private static int minuteOfDay(LocalTime t) {
        return t.getHour() * 60 + t.getMinute();
    }

    private static String hhmm(int minute) {
        return String.format(Locale.ROOT, "%02d:%02d", minute / 60, minute % 60);
    }

    private static String span(ScenarioJson.Period p) {
        return p.from() + "-" + p.to();
    }
}
