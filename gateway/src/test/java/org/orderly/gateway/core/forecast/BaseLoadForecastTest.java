package org.orderly.gateway.core.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.orderly.gateway.core.tariff.BeijingTariff.TUESDAY;
import static org.orderly.gateway.core.tariff.BeijingTariff.ZONE;
import static org.orderly.gateway.core.tariff.BeijingTariff.at;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The household-load forecast, by quarter hour of the Beijing day and day type. */
class BaseLoadForecastTest {
    private static final LocalDate MONDAY = TUESDAY.minusDays(1);
    private static final LocalDate FRIDAY = TUESDAY.plusDays(3);
    private static final LocalDate SATURDAY = TUESDAY.plusDays(4);
    private static final LocalDate SUNDAY = TUESDAY.plusDays(5);
    private static final LocalDate NEXT_MONDAY = TUESDAY.plusDays(6);

    private final BaseLoadForecast forecast = new BaseLoadForecast(ZONE);

    /** Meter readings every 5 minutes from {@code hhmm} on, one per value given. */
    private void readings(LocalDate day, String hhmm, double... kw) {
        Instant t = at(day, hhmm);
        for (double k : kw) {
            forecast.observe(t, k);
            t = t.plusSeconds(300);
        }
    }

    @Test
    void beforeAnyReadingThereIsNoForecast() {
        assertThat(forecast.expectedKw(at(TUESDAY, "19:30"))).isNaN();
        assertThat(forecast.latestKw()).isNaN();
    }

    @Test
    void aQuartersMeanIsExpectedAtTheSameQuarterTheNextDay() {
        readings(MONDAY, "19:30", 40, 50, 60); // 19:30-19:45
        readings(MONDAY, "19:45", 80); // the next quarter closes 19:30's

        assertThat(forecast.expectedKw(at(TUESDAY, "19:30"))).isCloseTo(50, within(1e-9));
        assertThat(forecast.expectedKw(at(TUESDAY, "19:44:59"))).isCloseTo(50, within(1e-9));
        assertThat(forecast.latestKw()).isEqualTo(80);
    }

    @Test
    void aSecondDaySmoothsHalfWayTowardsItsMean() {
        readings(MONDAY, "19:30", 40, 50, 60);
        readings(MONDAY, "19:45", 80);
        readings(TUESDAY, "19:30", 70, 70, 70);
        readings(TUESDAY, "19:45", 80);

        assertThat(forecast.expectedKw(at(TUESDAY.plusDays(1), "19:35"))).isCloseTo(60, within(1e-9));
    }

    @Test
    void weekdaysAndWeekendsAreLearnedApart() {
        readings(FRIDAY, "12:00", 30, 30, 30);
        readings(FRIDAY, "12:15", 30);
        readings(SATURDAY, "12:00", 50, 50, 50);
        readings(SATURDAY, "12:15", 50);

        assertThat(forecast.expectedKw(at(NEXT_MONDAY, "12:05"))).isCloseTo(30, within(1e-9));
        assertThat(forecast.expectedKw(at(SUNDAY, "12:05"))).isCloseTo(50, within(1e-9));
    }

    @Test
    void aQuarterSeenOnlyOnWeekdaysStandsInForTheWeekend() {
        readings(FRIDAY, "08:00", 25, 35, 45);
        readings(FRIDAY, "08:15", 30);

        assertThat(forecast.expectedKw(at(SATURDAY, "08:10"))).isCloseTo(35, within(1e-9));
    }

    @Test
    void aQuarterSeenOnlyAtWeekendsStandsInForWeekdays() {
        readings(SUNDAY, "21:00", 60, 60, 60);
        readings(SUNDAY, "21:15", 60);

        assertThat(forecast.expectedKw(at(NEXT_MONDAY, "21:00"))).isCloseTo(60, within(1e-9));
    }

    @Test
    void startedAtNoonTheEveningIsExpectedAboveTheNoonLevelNotEqualToIt() {
        readings(TUESDAY, "12:00", 20, 20); // the first quarter is not even complete

        double evening = forecast.expectedKw(at(TUESDAY, "19:30"));
        double night = forecast.expectedKw(at(TUESDAY.plusDays(1), "03:00"));

        assertThat(evening).isGreaterThan(1.4 * 20);
        assertThat(night).isLessThan(20);
    }

    @Test
    void afterAFewNoonQuartersTheEveningIsStillExpectedAboveThem() {
        readings(TUESDAY, "12:00", 20, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20); // 12:00-13:00
        readings(TUESDAY, "13:00", 20); // closes 12:45

        double evening = forecast.expectedKw(at(TUESDAY, "19:30"));

        assertThat(evening).isGreaterThan(1.4 * 20);
        // the noon quarters themselves are what was read
        assertThat(forecast.expectedKw(at(TUESDAY.plusDays(1), "12:20"))).isCloseTo(20, within(1e-9));
    }

    @Test
    void onceAnEveningHasBeenSeenItReplacesTheTypicalShape() {
        readings(TUESDAY, "12:00", 20, 20, 20);
        readings(TUESDAY, "19:30", 22, 22, 22);
        readings(TUESDAY, "19:45", 22);

        assertThat(forecast.expectedKw(at(TUESDAY.plusDays(1), "19:30"))).isCloseTo(22, within(1e-9));
    }
}
