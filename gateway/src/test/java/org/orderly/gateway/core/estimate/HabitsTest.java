package org.orderly.gateway.core.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.orderly.gateway.core.tariff.BeijingTariff.TUESDAY;
import static org.orderly.gateway.core.tariff.BeijingTariff.ZONE;
import static org.orderly.gateway.core.tariff.BeijingTariff.at;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.session.Declaration;
import org.orderly.gateway.core.session.PastSession;
import org.orderly.gateway.core.session.PluggedSession;

/**
 * Departure beliefs learned from each pile's habits, with no declaration: the resident's own
 * routine first, the compound's as a prior. A new vehicle arrives on Tuesday at 18:30 and is
 * asked about at 03:00 the next morning (8.5 h later).
 */
class HabitsTest {
    private static final int DAYS = 20;
    private static final Instant NEW_ARRIVAL = at(TUESDAY, "18:30");
    private static final Instant THREE_AM = at(TUESDAY.plusDays(1), "03:00");

    private final Estimator estimator = new Estimator(ZONE, 4);

    /** The 20 days before Tuesday, each with its own few minutes of jitter. */
    private static LocalDate day(int d) {
        return TUESDAY.minusDays(DAYS - d);
    }

    private static String jitter(String hhmm, int d) {
        return java.time.LocalTime.parse(hhmm).plusMinutes((d * 7) % 31 - 15).toString();
    }

    /** On each of the past 20 days the resident of {@code pile} arrived at {@code arrive} and left at {@code leave}. */
    private void routine(int pile, String arrive, String leave, boolean leavesNextDay, double kWh) {
        for (int d = 0; d < DAYS; d++) {
            Instant a = at(day(d), jitter(arrive, d));
            Instant l = at(leavesNextDay ? day(d).plusDays(1) : day(d), jitter(leave, d + 3));
            estimator.learn(new PastSession(pile, a, l, kWh, Declaration.NONE, true));
        }
    }

    private SessionBelief newArrival(int pile, Instant arrival) {
        return estimator.believe(new PluggedSession("new", pile, arrival, Declaration.NONE, 0, 0));
    }

    private double survivalAtThreeAm(int pile) {
        return newArrival(pile, NEW_ARRIVAL).survival(THREE_AM.getEpochSecond(), NEW_ARRIVAL.getEpochSecond());
    }

    @Test
    void aResidentWhoAlwaysStaysOvernightIsBelievedToBeThereAtThree() {
        routine(0, "18:30", "07:30", true, 15);
        routine(1, "18:30", "20:30", false, 6);

        assertThat(survivalAtThreeAm(0)).isGreaterThan(0.85);
    }

    @Test
    void aResidentWhoAlwaysLeavesAfterTwoHoursIsBelievedGoneByThree() {
        routine(0, "18:30", "07:30", true, 15);
        routine(1, "18:30", "20:30", false, 6);

        assertThat(survivalAtThreeAm(1)).isLessThan(0.15);
        SessionBelief b = newArrival(1, NEW_ARRIVAL);
        long leaveBy = b.departureQuantile(0.5, NEW_ARRIVAL.getEpochSecond());
        assertThat((leaveBy - NEW_ARRIVAL.getEpochSecond()) / 3600.0).isBetween(1.5, 3.0);
    }

    @Test
    void eachResidentsHabitAlsoSaysHowMuchEnergyTheyTake() {
        routine(0, "18:30", "07:30", true, 15);
        routine(1, "18:30", "20:30", false, 6);
        long now = NEW_ARRIVAL.getEpochSecond();

        assertThat(newArrival(0, NEW_ARRIVAL).need(0, now).upTo(0.5)).isCloseTo(15, within(1.0));
        assertThat(newArrival(1, NEW_ARRIVAL).need(0, now).upTo(0.5)).isCloseTo(6, within(1.0));
    }

    @Test
    void theTimeOfDayOfArrivalPicksTheMatchingHabit() {
        // pile 2: a morning errand of an hour, and every evening an overnight stay
        routine(2, "08:00", "09:00", false, 3);
        routine(2, "19:00", "07:00", true, 20);
        Instant morning = at(TUESDAY, "08:00");
        long m = morning.getEpochSecond();

        assertThat(newArrival(2, morning).survival(m + 3 * 3600, m)).isLessThan(0.15);
        assertThat(survivalAtThreeAm(2)).isGreaterThan(0.85);
    }

    @Test
    void aPileWithNoHistoryBorrowsTheCompoundsOvernightHabit() {
        routine(0, "18:30", "07:30", true, 15);
        routine(1, "18:45", "07:00", true, 12);

        assertThat(estimator.habits().sessionsKnown(3)).isZero();
        assertThat(survivalAtThreeAm(3)).isGreaterThan(0.8);
    }

    @Test
    void aPileWithNoHistoryBorrowsTheCompoundsShortStayHabit() {
        routine(0, "18:30", "20:30", false, 6);
        routine(1, "18:15", "20:00", false, 5);

        assertThat(estimator.habits().sessionsKnown(3)).isZero();
        assertThat(survivalAtThreeAm(3)).isLessThan(0.2);
    }

    @Test
    void beforeAnyHistoryTheResidentialDefaultSpeaks() {
        long now = NEW_ARRIVAL.getEpochSecond();
        SessionBelief b = newArrival(0, NEW_ARRIVAL);

        // At 18:30 about one arrival in five is a short errand: most stay the night.
        assertThat(b.survival(now + 3 * 3600, now)).isBetween(0.7, 0.95);
        assertThat(survivalAtThreeAm(0)).isBetween(0.35, 0.7);
        assertThat(b.need(0, now).upTo(0.5)).isBetween(7.0, 13.0);
    }

    @Test
    void aResidentsOwnRoutineOutweighsTheCompoundPrior() {
        // pile 0 is the only one who stays overnight; 3 neighbours leave after two hours
        routine(0, "18:30", "07:30", true, 15);
        routine(1, "18:30", "20:30", false, 6);
        routine(2, "18:30", "20:30", false, 6);
        routine(3, "18:30", "20:30", false, 6);

        assertThat(survivalAtThreeAm(0)).isGreaterThan(0.85);
    }

    /**
     * A pile that counts no energy (a Modbus map without {@code energy.session.kwh}) still says how long its cars stay.
     * Until 2026-12-04 such a stay taught nothing: the overnight resident was believed on the neighbours' short stays.
     */
    @Test
    void aStayWhoseEnergyIsNotKnownTeachesItsLengthAndNoEnergy() {
        routine(0, "18:30", "07:30", true, Double.NaN);
        routine(1, "18:30", "20:30", false, 6);
        routine(2, "18:30", "20:30", false, 6);
        long now = NEW_ARRIVAL.getEpochSecond();

        assertThat(estimator.habits().sessionsKnown(0)).as("stays learned on the pile").isEqualTo(DAYS);
        assertThat(survivalAtThreeAm(0)).as("still there at three, as every night").isGreaterThan(0.85);
        assertThat(newArrival(0, NEW_ARRIVAL).need(0, now).upTo(0.5)).as("its energy: the compound's, as for a pile"
                + " with no history").isCloseTo(newArrival(3, NEW_ARRIVAL).need(0, now).upTo(0.5), within(1e-9));
    }

    @Test
    void sessionsWithoutDurationAreNotLearned() {
        Instant a = at(day(1), "18:30");
        estimator.learn(new PastSession(0, a, a, 5, Declaration.NONE, true));

        assertThat(estimator.habits().sessionsKnown(0)).isZero();
    }

    @Test
    void aKnownDepartureReplacesTheHabitsStayButTheHabitStillSaysTheEnergy() {
        routine(0, "18:30", "07:30", true, 15);
        Instant leaves = at(TUESDAY, "20:30");

        SessionBelief b = estimator.believeKnownDeparture(
                new PluggedSession("told", 0, NEW_ARRIVAL, Declaration.NONE, 0, 0), leaves);

        long now = NEW_ARRIVAL.getEpochSecond();
        assertThat(b.survival(leaves.getEpochSecond() - 600, now)).isCloseTo(1, within(1e-6));
        assertThat(b.survival(leaves.getEpochSecond() + 600, now)).isLessThan(0.01);
        assertThat(b.energyQuantile(0.5, 0, now)).isCloseTo(15, within(0.5));
    }
}
