package org.orderly.gateway.app.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.model.HouseholdLoad;
import org.orderly.gateway.core.model.LineLoads;
import org.orderly.gateway.core.time.Tick;

class HouseholdsBetweenTest {
    private final HouseholdsBetween between = new HouseholdsBetween(Duration.ofSeconds(5));

    private static HouseholdLoad lines(double a, double b, double c) {
        return HouseholdLoad.byLine(a + b + c, new LineLoads(a, b, c));
    }

    private static Tick at(long millis) {
        return new Tick(Duration.ofMillis(millis).toNanos());
    }

    @Test
    void withNoneKnownTheHeavierIsTaken() {
        assertThat(between.within(lines(5, 1, 1), lines(7, 1, 1), at(0))).isEqualTo(lines(7, 1, 1));
    }

    @Test
    void eachLineIsKeptAsLastKnownWithinItsBounds() {
        between.within(lines(6, 1, 1), lines(6, 1, 1), at(0));

        // Line A: the step may or may not be in it (5..8); B rose past its bounds' least; C fell below its most.
        HouseholdLoad settled = between.within(lines(5, 2, 0.5), lines(8, 2, 0.5), at(1000));

        assertThat(settled.lines().orElseThrow()).isEqualTo(new LineLoads(6, 2, 0.5));
    }

    @Test
    void anEstimateOlderThanAReadingMayBeIsNotKnownAnyMore() {
        between.within(lines(6, 1, 1), lines(6, 1, 1), at(0));

        assertThat(between.within(lines(5, 1, 1), lines(8, 1, 1), at(5001))).isEqualTo(lines(8, 1, 1));
    }
}
