package org.orderly.gateway.core.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderly.gateway.core.tariff.BeijingTariff.TUESDAY;
import static org.orderly.gateway.core.tariff.BeijingTariff.ZONE;
import static org.orderly.gateway.core.tariff.BeijingTariff.at;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.session.Declaration;
import org.orderly.gateway.core.session.PastSession;
import org.orderly.gateway.core.session.PluggedSession;

/**
 * Before a compound has shown its own habits, a new gateway still knows what residents' charging
 * looks like: an afternoon arrival usually leaves within hours, an evening one stays the night, and
 * the first session that ends does not overrule that for every arrival after it.
 */
class ResidentialDefaultTest {
    private final Estimator estimator = new Estimator(ZONE, 2);

    private Duration medianStay(Instant arrival) {
        SessionBelief b = estimator.believe(new PluggedSession("new", 0, arrival, Declaration.NONE, 0, 0));
        return Duration.ofSeconds(b.departureQuantile(0.5, arrival.getEpochSecond()) - arrival.getEpochSecond());
    }

    @Test
    void anAfternoonArrivalLeavesWithinHoursAndAnEveningOneStaysTheNight() {
        assertThat(medianStay(at(TUESDAY, "13:00"))).isLessThan(Duration.ofHours(6));
        assertThat(medianStay(at(TUESDAY, "20:00"))).isGreaterThan(Duration.ofHours(9));
    }

    @Test
    void theFirstSessionToEndDoesNotSpeakForEveryArrival() {
        Instant a = at(TUESDAY.minusDays(1), "19:50");
        estimator.learn(new PastSession(1, a, a.plus(Duration.ofMinutes(40)), 4, Declaration.NONE, true));

        assertThat(medianStay(at(TUESDAY, "20:00"))).isGreaterThan(Duration.ofHours(8));
    }
}
