package org.orderly.gateway.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class EnergyCountTest {
    private final EnergyCount count = new EnergyCount();

    @Test
    void theCountIsCarriedOnByTheDrawSinceItLastMovedForAMinuteAtMost() {
        count.observe(3.50, 1_000);
        count.observe(3.50, 1_018);
        assertThat(count.kWhAt(7.2, 1_018)).isCloseTo(3.536, within(1e-9));
        assertThat(count.kWhAt(7.2, 1_000 + 600)).as("a count that has not moved").isCloseTo(3.62, within(1e-9));
        count.observe(3.51, 1_020);
        assertThat(count.kWhAt(7.2, 1_020)).as("a step is where the count stands").isEqualTo(3.51);
        assertThat(count.kWhAt(Double.NaN, 1_030)).as("no draw said").isEqualTo(3.51);
    }

    @Test
    void aClockSteppedBackCarriesNothing() {
        count.observe(3.50, 1_000);
        assertThat(count.kWhAt(7.2, 1_000 - 3_600)).isEqualTo(3.50);
    }
}
