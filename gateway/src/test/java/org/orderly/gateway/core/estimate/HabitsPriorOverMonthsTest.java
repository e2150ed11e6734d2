package org.orderly.gateway.core.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderly.gateway.core.tariff.BeijingTariff.TUESDAY;
import static org.orderly.gateway.core.tariff.BeijingTariff.ZONE;
import static org.orderly.gateway.core.tariff.BeijingTariff.at;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.session.Declaration;
import org.orderly.gateway.core.session.PastSession;

/**
 * The compound-wide prior over months of a live gateway: a large compound ends tens of thousands of sessions, more
 * than Habits keeps, so that from then on each session learned makes the oldest forgotten. A 7-day simulation never
 * gets there.
 */
class HabitsPriorOverMonthsTest {
    /** More sessions than Habits keeps for the compound. */
    private static final int MANY = 20_500;

    private final Habits habits = new Habits(ZONE, 300);

    /** {@code n} sessions arriving at 18:30 on piles 1..299, each staying {@code hours} and taking {@code kWh}. */
    private void learn(int n, Instant firstDay, double hours, double kWh) {
        for (int i = 0; i < n; i++) {
            Instant arrival = firstDay.plus(Duration.ofDays(i / 299));
            habits.learn(new PastSession(1 + i % 299, arrival, arrival.plusSeconds((long) (hours * 3600)), kWh,
                    Declaration.NONE, true));
        }
    }

    @Test
    void thePriorFollowsTheCompoundOnceItsOldestSessionsAreForgotten() {
        Instant winter = at(TUESDAY, "18:30").minus(Duration.ofDays(200));
        learn(MANY, winter, 13, 10); // a winter of overnight stays
        Instant tuesday = at(TUESDAY, "18:30");
        assertThat(mean(habits.pairsFor(0, tuesday).hours())).as("mean stay, winter").isGreaterThan(12);

        learn(MANY, winter.plus(Duration.ofDays(100)), 2, 30); // a summer of short evening stays: winter forgotten
        double[] stays = habits.pairsFor(0, tuesday).hours();

        // Pile 0 has no history of its own: all it is told comes from the prior, which now holds only summer.
        assertThat(mean(stays)).as("mean stay of a pile with no history, after the summer").isLessThan(3);
    }

    private static double mean(double[] xs) {
        return Arrays.stream(xs).average().orElseThrow();
    }
}
