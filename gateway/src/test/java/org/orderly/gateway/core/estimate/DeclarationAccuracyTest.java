package org.orderly.gateway.core.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.orderly.gateway.core.tariff.BeijingTariff.TUESDAY;
import static org.orderly.gateway.core.tariff.BeijingTariff.ZONE;
import static org.orderly.gateway.core.tariff.BeijingTariff.at;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.session.Declaration;
import org.orderly.gateway.core.session.PastSession;
import org.orderly.gateway.core.session.PluggedSession;

/** How far residents' declarations stray, learned from ended sessions, and what that does to beliefs. */
class DeclarationAccuracyTest {
    private static final Instant ARRIVAL = at(TUESDAY, "18:30");
    private static final long NOW = ARRIVAL.getEpochSecond();

    /** {@code n} past evenings on pile 0: declared {@code declaredKWh} and a 07:00 departure. */
    private static void pastEvenings(Estimator e, int n, double declaredKWh, double takenKWh, boolean full,
                                     int minutesLateVersusDeclared) {
        for (int d = 1; d <= n; d++) {
            LocalDate day = TUESDAY.minusDays(d);
            Instant declaredLeave = at(day.plusDays(1), "07:00");
            e.learn(new PastSession(0, at(day, "18:30"), declaredLeave.plusSeconds(60L * minutesLateVersusDeclared),
                    takenKWh, new Declaration(declaredLeave, declaredKWh), full));
        }
    }

    private static SessionBelief declares(Estimator e, String leave, double kWh) {
        Instant departure = leave == null ? null : at(TUESDAY.plusDays(1), leave);
        return e.believe(new PluggedSession("s", 0, ARRIVAL, new Declaration(departure, kWh), 0, 0));
    }

    private static double weightedMean(double[][] samples) {
        double s = 0;
        double w = 0;
        for (int i = 0; i < samples[0].length; i++) {
            s += samples[0][i] * samples[1][i];
            w += samples[1][i];
        }
        return s / w;
    }

    @Test
    void beforeAnySessionEndsADeclaredTwentyKWhIsBelievedAboutTwenty() {
        Estimator e = new Estimator(ZONE, 1);

        assertThat(declares(e, null, 20).need(0, NOW).upTo(0.5)).isCloseTo(20, within(1.0));
    }

    @Test
    void residentsWhoOverstateTheirEnergyAreBelievedToWantLess() {
        Estimator e = new Estimator(ZONE, 1);
        double before = declares(e, null, 20).need(0, NOW).upTo(0.5);
        double before99 = declares(e, null, 20).energyQuantile(0.99, 0, NOW);

        pastEvenings(e, 50, 20, 0.7 * 20, true, 0);

        double after = declares(e, null, 20).need(0, NOW).upTo(0.5);
        assertThat(after).isCloseTo(14, within(0.7));
        assertThat(after).isLessThan(before - 4);
        assertThat(declares(e, null, 20).energyQuantile(0.99, 0, NOW)).isLessThan(before99);
        // and it scales with what is declared, not with the 20 kWh seen before
        assertThat(declares(e, null, 40).need(0, NOW).upTo(0.5)).isCloseTo(28, within(1.4));
    }

    @Test
    void theLearnedEnergyRatiosHoldEverySessionPlusAPriorWorthThree() {
        DeclarationAccuracy accuracy = new DeclarationAccuracy();
        double priorMean = weightedMean(accuracy.energyRatios());
        Instant a = at(TUESDAY, "18:30");
        for (int i = 0; i < 50; i++) {
            accuracy.learn(new PastSession(0, a, a.plusSeconds(3600), 7, new Declaration(null, 10), true));
        }

        double[][] ratios = accuracy.energyRatios();
        assertThat(priorMean).isBetween(0.95, 1.1);
        assertThat(ratios[0]).hasSize(60);
        assertThat(Arrays.stream(ratios[1]).sum()).isCloseTo(53, within(1e-9));
        assertThat(weightedMean(ratios)).isCloseTo((50 * 0.7 + 3 * priorMean) / 53, within(1e-9));
    }

    @Test
    void aVehicleThatLeftStillDrawingSaysNothingAboutHowMuchItWanted() {
        DeclarationAccuracy accuracy = new DeclarationAccuracy();
        double[][] before = accuracy.energyRatios();
        Instant a = at(TUESDAY, "18:30");
        for (int i = 0; i < 50; i++) {
            accuracy.learn(new PastSession(0, a, a.plusSeconds(3600), 6, new Declaration(null, 20), false));
        }

        assertThat(accuracy.energyRatios()).isDeepEqualTo(before);
    }

    @Test
    void residentsWhoLeaveHalfAnHourLateAreBelievedStillHereAQuarterPastTheDeclaredTime() {
        Estimator e = new Estimator(ZONE, 1);
        long quarterPast = at(TUESDAY.plusDays(1), "07:15").getEpochSecond();
        double before = declares(e, "07:00", Double.NaN).survival(quarterPast, NOW);

        pastEvenings(e, 40, 20, 14, true, 30);

        double after = declares(e, "07:00", Double.NaN).survival(quarterPast, NOW);
        assertThat(before).isLessThan(0.5);
        assertThat(after).isGreaterThan(0.85);
    }
}
