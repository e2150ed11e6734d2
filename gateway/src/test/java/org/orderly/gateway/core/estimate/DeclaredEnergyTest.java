package org.orderly.gateway.core.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.orderly.gateway.core.tariff.BeijingTariff.TUESDAY;
import static org.orderly.gateway.core.tariff.BeijingTariff.ZONE;
import static org.orderly.gateway.core.tariff.BeijingTariff.at;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.session.Declaration;
import org.orderly.gateway.core.session.PastSession;
import org.orderly.gateway.core.session.PluggedSession;

/**
 * A declared energy is a noisy measurement of the need, weighed against the pile's habits: a
 * declaration far from everything the resident ever took is believed less than one that agrees
 * with them, and before anything has been learned the declaration stands alone.
 */
class DeclaredEnergyTest {
    private static final Instant ARRIVAL = at(TUESDAY, "18:30");
    private static final Instant DEPARTURE = at(TUESDAY.plusDays(1), "07:30");

    private final Estimator estimator = new Estimator(ZONE, 2);

    /** Twenty overnight stays on pile 0, each taking about {@code kWh}. */
    private void habitOf(double kWh) {
        for (int d = 1; d <= 20; d++) {
            Instant a = at(TUESDAY.minusDays(d), "18:" + (10 + d));
            Instant l = at(TUESDAY.minusDays(d - 1), "07:" + (10 + d));
            estimator.learn(new PastSession(0, a, l, kWh * (0.9 + 0.01 * d), Declaration.NONE, true));
        }
    }

    private double medianNeed(double declaredKWh) {
        SessionBelief b = estimator.believe(new PluggedSession("new", 0, ARRIVAL,
                new Declaration(DEPARTURE, declaredKWh), 0, 0));
        return b.need(0, ARRIVAL.getEpochSecond()).upTo(0.5);
    }

    @Test
    void aDeclarationFarFromEveryHabitIsPulledTowardThem() {
        habitOf(20);

        double median = medianNeed(60);

        assertThat(median).isLessThan(50).isGreaterThan(20);
    }

    @Test
    void aDeclarationThatAgreesWithTheHabitsStaysWhereItIs() {
        habitOf(20);

        assertThat(medianNeed(20)).isCloseTo(20, within(2.0));
    }

    @Test
    void beforeAnySessionHasEndedTheDeclarationStandsAlone() {
        assertThat(medianNeed(60)).isCloseTo(60, within(3.0));
    }

    @Test
    void aPileThatHasNeverTakenSoMuchStillLeavesTheDeclaredEnergyPossible() {
        habitOf(20);

        SessionBelief b = estimator.believe(new PluggedSession("new", 0, ARRIVAL,
                new Declaration(DEPARTURE, 60), 0, 0));

        assertThat(b.need(0, ARRIVAL.getEpochSecond()).tail(45)).isGreaterThan(0.01);
    }
}
