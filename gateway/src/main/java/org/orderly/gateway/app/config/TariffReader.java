package org.orderly.gateway.app.config;

import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.orderly.gateway.core.tariff.TariffPeriod;
import org.orderly.gateway.core.tariff.TimeOfDay;
import org.yaml.snakeyaml.nodes.Node;

/** {@code tariff:}: the time zone and the time-of-use periods, which must cover each minute of the day once. */
final class TariffReader {
    static final List<String> KEYS = List.of("zone", "periods");
    private static final List<String> PERIOD_KEYS = List.of("from", "to", "price");
    private static final int DAY = 24 * 60;

    ZoneId zone;
    final List<TariffPeriod> periods = new ArrayList<>();

    void read(Section t) {
        Problems problems = t.problems();
        // Java's names: an IANA one, or a fixed offset (+08:00, UTC+8, Z), the same local time where there is no DST.
        String z = t.text("zone", "Asia/Shanghai", "an IANA time zone, e.g. Asia/Shanghai, or a fixed offset, e.g. +08:00");
        if (z != null) {
            try {
                zone = ZoneId.of(z);
            } catch (DateTimeException e) {
                problems.at(t.value("zone"), "unknown time zone '" + z + "' in " + t.path()
                        + "; use an IANA name such as Asia/Shanghai, or a fixed offset such as +08:00 where there is no"
                        + " summer time");
            }
        }
        List<Node> items = t.list("periods", true, "list the periods: - {from: \"00:00\", to: \"07:00\", price: 0.3}");
        if (items == null) {
            return;
        }
        if (items.isEmpty()) {
            problems.at(t.value("periods"), "tariff.periods is empty; list periods covering the whole day");
            return;
        }
        int[] owner = new int[DAY];
        java.util.Arrays.fill(owner, -1);
        boolean complete = true;
        for (int i = 0; i < items.size(); i++) {
            Section p = Section.of(items.get(i), "tariff.periods[" + i + "]", PERIOD_KEYS, problems);
            LocalTime from = time(p, "from");
            LocalTime to = time(p, "to");
            Double price = p.number("price", "per kWh", null, 0, 100, "the energy price in this period, e.g. 0.3");
            if (from != null && to != null && from.equals(to) && !"24:00".equals(p.text("to", "", ""))) {
                problems.at(p.value("to"), "period " + from + "-" + to + " in " + p.path()
                        + " is empty; for a flat price use from: \"00:00\", to: \"24:00\"");
                complete = false;
                continue;
            }
            if (from == null || to == null || price == null) {
                complete = false;
                continue;
            }
            int a = minute(from);
            int b = minute(to);
            // 00:00-24:00 too is one period: the core takes a period that ends where it starts as the whole day.
            periods.add(new TariffPeriod(from, to, price));
            boolean reported = false;
            for (int k = 0, m = a; k == 0 || m != b; k++, m = (m + 1) % DAY) {
                if (owner[m] < 0) {
                    owner[m] = i;
                } else if (!reported) {
                    problems.at(p.node(), "period " + from + "-" + to + " overlaps tariff.periods[" + owner[m] + "] at "
                            + hhmm(m) + "; each minute of the day belongs to one period");
                    reported = true;
                }
            }
        }
        if (complete) {
            reportGaps(owner, t.value("periods"), problems);
        }
    }

    private static void reportGaps(int[] owner, Node at, Problems problems) {
        List<String> gaps = new ArrayList<>();
        for (int m = 0; m < DAY; m++) {
            if (owner[m] < 0) {
                int end = m;
                while (end < DAY && owner[end] < 0) {
                    end++;
                }
                gaps.add(hhmm(m) + "-" + hhmm(end));
                m = end;
            }
        }
        if (!gaps.isEmpty()) {
            problems.at(at, "tariff periods do not cover " + String.join(", ", gaps)
                    + "; add periods so that every minute of the day has a price");
        }
    }

    private static LocalTime time(Section p, String key) {
        String s = p.text(key, null, "a local time \"HH:MM\" or \"H:MM\"");
        if (s == null) {
            return null;
        }
        if (s.equals("24:00") && key.equals("to")) {
            return LocalTime.MIDNIGHT;
        }
        Optional<LocalTime> time = TimeOfDay.parse(s);
        if (time.isPresent()) {
            return time.get();
        }
        p.problems().at(p.value(key), "'" + key + "' in " + p.path() + " must be a local time \"HH:MM\" or \"H:MM\""
                + " (00:00..23:59" + (key.equals("to") ? " or 24:00" : "") + "), was '" + s + "'"
                + (s.matches("[0-9]+") ? "; write hours and minutes, e.g. \"07:00\"" : ""));
        return null;
    }

    private static int minute(LocalTime t) {
        return t.getHour() * 60 + t.getMinute();
    }

    private static String hhmm(int minute) {
        return String.format("%02d:%02d", minute / 60, minute % 60);
    }
}
