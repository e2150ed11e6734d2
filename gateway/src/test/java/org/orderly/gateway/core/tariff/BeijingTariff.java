package org.orderly.gateway.core.tariff;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

/**
 * The Beijing residential time-of-use tariff the scenarios use, and local-time helpers for tests:
 *
 * <pre>
 *   23:00-07:00  0.3946  valley
 *   07:00-10:00  0.695   flat
 *   10:00-15:00  1.0044  peak
 *   15:00-18:00  0.695   flat
 *   18:00-21:00  1.0044  peak
 *   21:00-23:00  0.695   flat
 * </pre>
 */
public final class BeijingTariff {
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    public static final double VALLEY = 0.3946;
    public static final double FLAT = 0.695;
    public static final double PEAK = 1.0044;
    /** A Tuesday: an ordinary working day, followed by working days until Saturday 16 March. */
    public static final LocalDate TUESDAY = LocalDate.of(2024, 3, 12);

    private BeijingTariff() {
    }

    public static List<TariffPeriod> periods() {
        return List.of(
                period("23:00", "07:00", VALLEY),
                period("07:00", "10:00", FLAT),
                period("10:00", "15:00", PEAK),
                period("15:00", "18:00", FLAT),
                period("18:00", "21:00", PEAK),
                period("21:00", "23:00", FLAT));
    }

    public static Tariff tariff() {
        return new Tariff(ZONE, periods());
    }

    public static TariffPeriod period(String from, String to, double price) {
        return new TariffPeriod(LocalTime.parse(from), LocalTime.parse(to), price);
    }

    /** {@code hhmm} (or hh:mm:ss) local Beijing time on {@code day}. */
    public static Instant at(LocalDate day, String hhmm) {
        return LocalDateTime.of(day, LocalTime.parse(hhmm)).atZone(ZONE).toInstant();
    }

    /** {@code hhmm} local time on {@link #TUESDAY}. */
    public static Instant tuesday(String hhmm) {
        return at(TUESDAY, hhmm);
    }

    /** {@code hhmm} local time on the day after {@link #TUESDAY}. */
    public static Instant wednesday(String hhmm) {
        return at(TUESDAY.plusDays(1), hhmm);
    }

    /** The first instant at or after {@code from} whose local time is {@code hhmm}. */
    public static Instant next(Instant from, String hhmm) {
        LocalDateTime local = LocalDateTime.ofInstant(from, ZONE);
        LocalDateTime candidate = LocalDateTime.of(local.toLocalDate(), LocalTime.parse(hhmm));
        if (candidate.isBefore(local)) {
            candidate = candidate.plusDays(1);
        }
        return candidate.atZone(ZONE).toInstant();
    }
}
