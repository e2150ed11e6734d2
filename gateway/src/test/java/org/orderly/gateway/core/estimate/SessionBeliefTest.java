package org.orderly.gateway.core.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.orderly.gateway.core.tariff.BeijingTariff.ZONE;
import static org.orderly.gateway.core.tariff.BeijingTariff.tuesday;
import static org.orderly.gateway.core.tariff.BeijingTariff.wednesday;

import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.orderly.gateway.core.session.Declaration;
import org.orderly.gateway.core.session.PluggedSession;

/** What is believed of one plugged vehicle: when it leaves, and how much more it wants. */
class SessionBeliefTest {
    private static final Instant ARRIVAL = tuesday("18:30");
    private static final long A = ARRIVAL.getEpochSecond();
    private static final long HOUR = 3600;

    /** A vehicle that, judging by the past, leaves 2, 4 or 10 hours after arriving, equally likely. */
    private static SessionBelief leavesAfter2or4or10Hours() {
        return new SessionBelief(ARRIVAL, new double[] {A + 2 * HOUR, A + 4 * HOUR, A + 10 * HOUR},
                new double[] {1, 1, 1}, 600, new double[] {10}, new double[] {1}, new double[] {Double.NaN});
    }

    /** A vehicle that wants 5, 10 or 20 kWh in all, equally likely (independent of when it leaves). */
    private static SessionBelief wants5or10or20KWh() {
        return new SessionBelief(ARRIVAL, new double[] {A + 10 * HOUR}, new double[] {1}, 600,
                new double[] {20, 5, 10}, new double[] {1, 1, 1}, new double[] {Double.NaN, Double.NaN, Double.NaN});
    }

    private static long at(double hoursAfterArrival) {
        return A + Math.round(hoursAfterArrival * HOUR);
    }

    @Nested
    class Departure {

        @ParameterizedTest(name = "asked {0} h after arrival")
        @ValueSource(doubles = {0, 1, 3, 5, 12})
        void theVehicleIsSurelyStillHereNowAndAtAnyEarlierTime(double hoursIn) {
            SessionBelief b = leavesAfter2or4or10Hours();
            long now = at(hoursIn);

            assertThat(b.survival(now, now)).isEqualTo(1);
            assertThat(b.survival(now - HOUR, now)).isEqualTo(1);
        }

        @ParameterizedTest(name = "asked {0} h after arrival")
        @ValueSource(doubles = {0, 1, 3, 5, 12})
        void survivalNeverRisesAndStaysAProbability(double hoursIn) {
            SessionBelief b = leavesAfter2or4or10Hours();
            long now = at(hoursIn);

            double previous = 1;
            for (long t = now; t <= now + 16 * HOUR; t += 60) {
                double s = b.survival(t, now);
                assertThat(s).as("S(t = now + %d s)", t - now).isBetween(0.0, previous + 1e-12);
                previous = s;
            }
            assertThat(previous).isLessThan(0.01);
        }

        @Test
        void atArrivalEachSampleCountsEqually() {
            SessionBelief b = leavesAfter2or4or10Hours();

            assertThat(b.survival(at(3), A)).isCloseTo(2.0 / 3, within(0.01));
            assertThat(b.survival(at(7), A)).isCloseTo(1.0 / 3, within(0.01));
            assertThat(b.survival(at(11), A)).isLessThan(0.01);
        }

        @Test
        void aVehicleThatOutstayedTheTwoHourSampleNoLongerCountsIt() {
            SessionBelief b = leavesAfter2or4or10Hours();
            long now = at(3);

            // still here at 21:30: it is not the 2 h stay, so the 4 h and the 10 h stay are equally likely
            assertThat(b.survival(now + 300, now)).isGreaterThan(0.99);
            assertThat(b.survival(at(7), now)).isCloseTo(0.5, within(0.01));
            assertThat(b.survival(at(7), now)).isGreaterThan(b.survival(at(7), A) + 0.15);
        }

        @Test
        void aVehicleThatOutstayedEverySampleMayLeaveAnyMomentWithAMeanOfAnHour() {
            SessionBelief b = leavesAfter2or4or10Hours();
            long now = at(12);

            assertThat(b.survival(now + HOUR, now)).isCloseTo(Math.exp(-1), within(1e-9));
            assertThat(b.survival(now + 3 * HOUR, now)).isCloseTo(Math.exp(-3), within(1e-9));
        }

        @Test
        void theMedianDepartureIsTheFourHourStayAndMovesLaterOnceTheVehicleOutstaysIt() {
            SessionBelief b = leavesAfter2or4or10Hours();

            assertThat(b.departureQuantile(0.5, A) - A).isCloseTo(4 * HOUR, within(600L));
            assertThat(b.departureQuantile(0.5, at(5)) - A).isCloseTo(10 * HOUR, within(600L));
        }

        @Test
        void aDeclaredDepartureConcentratesSurvivalAroundIt() {
            Estimator estimator = new Estimator(ZONE, 1);
            Instant declared = wednesday("07:00");
            SessionBelief withDeclaration = estimator.believe(
                    new PluggedSession("s", 0, ARRIVAL, new Declaration(declared, Double.NaN), 0, 0));
            SessionBelief withoutDeclaration = estimator.believe(
                    new PluggedSession("s", 0, ARRIVAL, Declaration.NONE, 0, 0));
            long early = wednesday("05:30").getEpochSecond();
            long late = wednesday("08:30").getEpochSecond();

            assertThat(withDeclaration.survival(early, A)).isGreaterThan(0.97);
            assertThat(withDeclaration.survival(late, A)).isLessThan(0.03);
            double declaredDrop = withDeclaration.survival(early, A) - withDeclaration.survival(late, A);
            double habitDrop = withoutDeclaration.survival(early, A) - withoutDeclaration.survival(late, A);
            assertThat(declaredDrop).isGreaterThan(0.94);
            assertThat(habitDrop).isLessThan(0.5);
            assertThat(withDeclaration.departureQuantile(0.5, A) - declared.getEpochSecond())
                    .isBetween(-600L, 600L);
        }

        @Test
        void aDeclaredDepartureBeforeArrivalIsReadAsAShortStayNotAnImpossibleOne() {
            Estimator estimator = new Estimator(ZONE, 1);
            SessionBelief b = estimator.believe(new PluggedSession("s", 0, ARRIVAL,
                    new Declaration(tuesday("17:00"), Double.NaN), 0, 0));

            assertThat(b.survival(A, A)).isEqualTo(1);
            assertThat(b.survival(at(4), A)).isLessThan(0.05);
        }
    }

    @Nested
    class Energy {

        @ParameterizedTest(name = "after {0} kWh delivered")
        @ValueSource(doubles = {0, 3, 7, 12, 19, 25})
        void theTailIsOneAtZeroAndNeverRises(double delivered) {
            EnergyNeed need = wants5or10or20KWh().need(delivered, A);

            assertThat(need.tail(0)).isEqualTo(1);
            assertThat(need.tail(-1)).isEqualTo(1);
            double previous = 1;
            for (double x = 0; x <= 30; x += 0.05) {
                double t = need.tail(x);
                assertThat(t).as("tail(%.2f)", x).isBetween(0.0, previous + 1e-12);
                previous = t;
            }
            assertThat(need.tail(30)).isZero();
        }

        @Test
        void beforeAnyEnergyEachSampleHoldsAThirdOfTheTail() {
            EnergyNeed need = wants5or10or20KWh().need(0, A);

            assertThat(need.tail(5)).isCloseTo(5.0 / 6, within(1e-9));
            assertThat(need.tail(10)).isCloseTo(0.5, within(1e-9));
            assertThat(need.tail(20)).isCloseTo(1.0 / 6, within(1e-9));
            assertThat(need.upTo(0.5)).isCloseTo(10, within(1e-9));
        }

        @Test
        void aVehicleThatTookTwelveKWhIsTheTwentyKWhOneAndWantsAboutEightMore() {
            SessionBelief b = wants5or10or20KWh();
            EnergyNeed fresh = b.need(0, A);
            EnergyNeed after12 = b.need(12, A);

            // the 5 and 10 kWh samples are outgrown: only the 20 kWh one is left
            assertThat(after12.tail(8)).isCloseTo(0.5, within(1e-9));
            assertThat(after12.upTo(0.5)).isCloseTo(8, within(1e-9));
            assertThat(after12.upTo(0.01)).isBetween(8.0, 10.0);
            assertThat(after12.tail(10)).isZero();
            // P(at least 5 more | took 12) is far above P(at least 17 in all)
            assertThat(after12.tail(5)).isGreaterThan(fresh.tail(17) + 0.3);
            assertThat(b.energyQuantile(0.5, 12, A)).isCloseTo(20, within(1e-9));
        }

        @Test
        void aVehicleThatOutgrewEverySampleStillWantsAVagueLittleMore() {
            EnergyNeed need = wants5or10or20KWh().need(25, A);

            // about a fifth of what it took, tapering to none at twice that
            assertThat(need.tail(5)).isCloseTo(0.5, within(1e-9));
            assertThat(need.tail(10)).isZero();
        }

        @Test
        void aHabitSampleFromAStayThatWouldHaveEndedByNowLosesItsWeight() {
            long shortStay = A + 2 * HOUR;
            long overnight = A + 12 * HOUR;
            SessionBelief b = new SessionBelief(ARRIVAL, new double[] {shortStay, overnight}, new double[] {1, 1},
                    1800, new double[] {5, 30}, new double[] {1, 1}, new double[] {shortStay, overnight});

            double medianAtArrival = b.need(0, A).upTo(0.5);
            double medianSixHoursIn = b.need(0, at(6)).upTo(0.5);

            assertThat(medianAtArrival).isBetween(10.0, 20.0);
            assertThat(medianSixHoursIn).isGreaterThan(28.0);
        }
    }

    @Nested
    class EnergyBands {
        /** Habits: two short stays that took 5 kWh, two overnight ones that took 30 kWh. */
        private SessionBelief shortAndSmallOrOvernightAndLarge() {
            double[] departures = {A + 2 * HOUR, A + 2 * HOUR, A + 12 * HOUR, A + 12 * HOUR};
            return new SessionBelief(ARRIVAL, departures, new double[] {1, 1, 1, 1}, 1800,
                    new double[] {5, 5, 30, 30}, new double[] {1, 1, 1, 1}, departures);
        }

        @Test
        void aVehicleThatWantsMoreThanTheShortStaysTookIsLikelierToStayOvernight() {
            SessionBelief b = shortAndSmallOrOvernightAndLarge();
            int large = b.energyBands() - 1;

            assertThat(b.energyBands()).isEqualTo(2);
            assertThat(b.bandFromKWh(large, 0)).as("halfway from 5 to 30").isCloseTo(17.5, within(1e-9));
            assertThat(b.bandFromKWh(large, 10)).isCloseTo(7.5, within(1e-9));
            assertThat(b.survival(at(6), A)).isCloseTo(0.5, within(0.01));
            // its own curve says 1; with the weight of two sessions it is trusted 2/3 against 0.5
            assertThat(b.survival(at(6), A, large)).isCloseTo(2.0 / 3 + 0.5 / 3, within(0.01));
        }

        @Test
        void bandZeroIsTheUnconditionalCurve() {
            SessionBelief b = shortAndSmallOrOvernightAndLarge();

            for (double h : new double[] {1, 3, 6, 11, 13}) {
                assertThat(b.survival(at(h), A, 0)).isCloseTo(b.survival(at(h), A), within(1e-6));
            }
        }

        @Test
        void aDeclarationBreaksThePairingSoThereAreNoBands() {
            assertThat(wants5or10or20KWh().energyBands()).isZero();
        }
    }

    /** A belief told the outcome, as the clairvoyant diagnostic policies of {@code simulate} use. */
    @Nested
    class Certain {
        private final SessionBelief b = SessionBelief.certain(ARRIVAL, Instant.ofEpochSecond(at(3)), 10);

        @Test
        void theVehicleIsHereUntilItsDepartureAndGoneJustAfterOnTheCurvesFiveMinuteGrid() {
            assertThat(b.survival(at(3) - 600, A)).isCloseTo(1, within(1e-6));
            assertThat(b.survival(at(3) + 600, A)).isLessThan(0.01);
        }

        @Test
        void itWantsExactlyWhatIsLeftOfItsEnergy() {
            EnergyNeed need = b.need(4, at(1));

            assertThat(need.tail(5.99)).isEqualTo(1);
            assertThat(need.tail(6.01)).isZero();
            assertThat(need.upTo(0.005)).isCloseTo(6, within(1e-3));
            assertThat(b.energyQuantile(0.5, 4, at(1))).isCloseTo(10, within(1e-3));
        }
    }
}
