package org.orderly.gateway.core.tariff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.orderly.gateway.core.tariff.BeijingTariff.FLAT;
import static org.orderly.gateway.core.tariff.BeijingTariff.PEAK;
import static org.orderly.gateway.core.tariff.BeijingTariff.VALLEY;
import static org.orderly.gateway.core.tariff.BeijingTariff.ZONE;
import static org.orderly.gateway.core.tariff.BeijingTariff.period;
import static org.orderly.gateway.core.tariff.BeijingTariff.tuesday;
import static org.orderly.gateway.core.tariff.BeijingTariff.wednesday;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Beijing residential time-of-use tariff, in Asia/Shanghai local time. */
class TariffTest {
    private static final double TOL = 1e-12;
    private final Tariff beijing = BeijingTariff.tariff();

    @Nested
    class PriceAt {

        @ParameterizedTest(name = "{0} costs {1}")
        @CsvSource({
            "00:00,    0.3946",
            "03:00,    0.3946",
            "06:59:59, 0.3946",
            "07:00,    0.695",
            "09:59,    0.695",
            "10:00,    1.0044",
            "14:59:59, 1.0044",
            "15:00,    0.695",
            "17:59,    0.695",
            "18:00,    1.0044",
            "20:59:59, 1.0044",
            "21:00,    0.695",
            "22:59:59, 0.695",
            "23:00,    0.3946",
            "23:59:59, 0.3946"})
        void eachPeriodStartsOnItsBoundaryAndEndsJustBeforeTheNext(String localTime, double price) {
            assertThat(beijing.priceAt(tuesday(localTime))).isCloseTo(price, within(TOL));
        }

        @Test
        void theValleyWrapsPastMidnightIntoTheNextDay() {
            assertThat(beijing.priceAt(tuesday("23:30"))).isEqualTo(VALLEY);
            assertThat(beijing.priceAt(wednesday("00:30"))).isEqualTo(VALLEY);
            assertThat(beijing.priceAt(wednesday("06:45"))).isEqualTo(VALLEY);
            assertThat(beijing.priceAt(wednesday("07:00"))).isEqualTo(FLAT);
        }

        @Test
        void pricesFollowBeijingTimeNotUtc() {
            Instant utc15 = Instant.parse("2024-03-12T15:00:00Z"); // 23:00 in Beijing

            assertThat(beijing.priceAt(utc15)).isEqualTo(VALLEY);
            assertThat(new Tariff(ZoneOffset.UTC, BeijingTariff.periods()).priceAt(utc15)).isEqualTo(FLAT);
            assertThat(beijing.zone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
        }

        @Test
        void theSameInstantIsPricedAtTheLocalTimeOfTheTariffsOwnZone() {
            Tariff tokyo = new Tariff(ZoneId.of("Asia/Tokyo"), BeijingTariff.periods());
            Instant tokyo1830 = tuesday("17:30"); // 18:30 in Tokyo, one hour ahead of Beijing

            assertThat(beijing.priceAt(tokyo1830)).isEqualTo(FLAT);
            assertThat(tokyo.priceAt(tokyo1830)).isEqualTo(PEAK);
        }
    }

    @Nested
    class MeanPrice {

        @Test
        void aWholeHourInsideOnePeriodIsThatPeriodsPrice() {
            assertThat(beijing.meanPrice(tuesday("11:00"), tuesday("12:00"))).isCloseTo(PEAK, within(TOL));
        }

        @Test
        void halfAnHourEitherSideOfSevenIsTheAverageOfValleyAndFlat() {
            double mean = beijing.meanPrice(tuesday("06:30"), tuesday("07:30"));

            assertThat(mean).isCloseTo((VALLEY + FLAT) / 2, within(TOL));
        }

        @Test
        void aSpanFromTheEveningPeakPastMidnightWeighsEachPeriodByItsMinutes() {
            // 20:00-21:00 peak (60 min), 21:00-23:00 flat (120 min), 23:00-01:00 valley (120 min)
            double mean = beijing.meanPrice(tuesday("20:00"), wednesday("01:00"));

            assertThat(mean).isCloseTo((60 * PEAK + 120 * FLAT + 120 * VALLEY) / 300, within(1e-9));
        }

        @Test
        void aQuarterHourStraddlingTheBoundaryIsWeightedByMinute() {
            // 22:50-23:05: 10 minutes flat, 5 minutes valley
            double mean = beijing.meanPrice(tuesday("22:50"), tuesday("23:05"));

            assertThat(mean).isCloseTo((10 * FLAT + 5 * VALLEY) / 15, within(1e-9));
        }

        @Test
        void aWholeDayAveragesAllPeriodsByTheirLength() {
            double mean = beijing.meanPrice(tuesday("00:00"), wednesday("00:00"));

            double expected = (8 * VALLEY + 3 * FLAT + 5 * PEAK + 3 * FLAT + 3 * PEAK + 2 * FLAT) / 24;
            assertThat(mean).isCloseTo(expected, within(1e-9));
        }
    }

    @Nested
    class Validation {

        @Test
        void aDayWithAGapIsRejectedNamingTheFirstUncoveredMinute() {
            List<TariffPeriod> gap = new ArrayList<>(BeijingTariff.periods());
            gap.remove(5); // 21:00-23:00

            assertThatThrownBy(() -> new Tariff(ZONE, gap))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("do not cover 21:00");
        }

        @Test
        void overlappingPeriodsAreRejectedNamingWhereTheyOverlap() {
            List<TariffPeriod> overlap = List.of(
                    period("23:00", "07:00", VALLEY),
                    period("07:00", "10:30", FLAT),
                    period("10:00", "23:00", PEAK));

            assertThatThrownBy(() -> new Tariff(ZONE, overlap))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("overlap at 10:00");
        }

        @Test
        void aWrappingPeriodThatOverlapsTheMorningIsRejected() {
            List<TariffPeriod> overlap = List.of(
                    period("22:00", "08:00", VALLEY),
                    period("07:00", "22:00", FLAT));

            assertThatThrownBy(() -> new Tariff(ZONE, overlap))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("overlap at 07:00");
        }

        @Test
        void noPeriodsAtAllIsRejected() {
            assertThatThrownBy(() -> new Tariff(ZONE, List.of()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("do not cover 00:00");
        }

        @Test
        void aNegativePriceIsRejected() {
            assertThatThrownBy(() -> period("07:00", "10:00", -0.1)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void aPeriodThatEndsWhereItStartsIsTheWholeDay() {
            // 00:00-24:00 as a configuration writes it: one period, not two halves.
            Tariff flat = new Tariff(ZONE, List.of(period("00:00", "00:00", FLAT)));
            assertThat(flat.periods()).hasSize(1);
            assertThat(flat.priceAt(tuesday("00:00"))).isEqualTo(FLAT);
            assertThat(flat.priceAt(tuesday("12:00"))).isEqualTo(FLAT);
            assertThat(flat.priceAt(tuesday("23:59:59"))).isEqualTo(FLAT);
            assertThatThrownBy(() -> new Tariff(ZONE, List.of(period("07:00", "07:00", FLAT), period("07:00", "08:00", PEAK))))
                    .hasMessageContaining("overlap at 07:00");
        }

        @Test
        void oneWrappingPeriodCanCoverTheWholeDayButForAMinute() {
            assertThatThrownBy(() -> new Tariff(ZONE, List.of(period("00:01", "00:00", FLAT))))
                    .hasMessageContaining("do not cover 00:00");
            Tariff flat = new Tariff(ZONE, List.of(period("00:01", "00:00", FLAT), period("00:00", "00:01", 0)));
            assertThat(flat.priceAt(tuesday("00:00:30"))).isZero();
            assertThat(flat.priceAt(tuesday("00:01"))).isEqualTo(FLAT);
        }
    }
}
