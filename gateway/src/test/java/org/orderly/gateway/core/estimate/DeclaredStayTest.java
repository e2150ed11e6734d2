package org.orderly.gateway.core.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderly.gateway.core.tariff.BeijingTariff.TUESDAY;
import static org.orderly.gateway.core.tariff.BeijingTariff.ZONE;
import static org.orderly.gateway.core.tariff.BeijingTariff.at;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.session.Declaration;
import org.orderly.gateway.core.session.PastSession;
import org.orderly.gateway.core.session.PluggedSession;

/**
 * With a declared departure, a pile that has no habits of its own is believed to want what stays like
 * the declared one took in the compound, even when such stays are a small part of all it has seen.
 */
class DeclaredStayTest {
    private static final Instant ARRIVAL = at(TUESDAY, "14:00");

    private final Estimator estimator = new Estimator(ZONE, 2);

    /**
     * Pile 1: sixty stays of a day taking 8 kWh, and four afternoon stays of about three hours, two of
     * which took all a 7 kW charger could give (19 kWh) and two 5 kWh.
     */
    @BeforeEach
    void compoundHistory() {
        for (int d = 1; d <= 60; d++) {
            Instant a = at(TUESDAY.minusDays(d), "14:0" + d % 10);
            learn(a, a.plus(Duration.ofHours(20)), 8);
        }
        learn(at(TUESDAY.minusDays(61), "14:00"), at(TUESDAY.minusDays(61), "17:06"), 19);
        learn(at(TUESDAY.minusDays(62), "14:00"), at(TUESDAY.minusDays(62), "17:06"), 19);
        learn(at(TUESDAY.minusDays(63), "14:00"), at(TUESDAY.minusDays(63), "16:54"), 5);
        learn(at(TUESDAY.minusDays(64), "14:00"), at(TUESDAY.minusDays(64), "16:54"), 5);
    }

    private void learn(Instant arrival, Instant departure, double kWh) {
        estimator.learn(new PastSession(1, arrival, departure, kWh, Declaration.NONE, true));
    }

    private EnergyNeed needDeclaring(Duration stay) {
        SessionBelief b = estimator.believe(new PluggedSession("new", 0, ARRIVAL,
                new Declaration(ARRIVAL.plus(stay), Double.NaN), 0, 0));
        return b.need(0, ARRIVAL.getEpochSecond());
    }

    @Test
    void aDeclaredShortStayMayWantWhatTheCompoundsShortStaysTook() {
        EnergyNeed need = needDeclaring(Duration.ofHours(3));

        assertThat(need.tail(15)).isGreaterThan(0.2);
        assertThat(need.tail(6)).isGreaterThan(0.5);
    }

    @Test
    void aDeclaredLongStayIsBelievedToWantWhatLongStaysTook() {
        EnergyNeed need = needDeclaring(Duration.ofHours(20));

        assertThat(need.upTo(0.5)).isBetween(7.0, 9.0);
        assertThat(need.tail(15)).isLessThan(0.1);
    }
}
