package org.orderly.gateway.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class UncountedEnergyTest {
    @Test
    void whatTheCarDrewBetweenObservationsAddsUp() {
        UncountedEnergy e = new UncountedEnergy();
        e.observe(7, 0);
        for (long t = 5; t <= 3600; t += 5) {
            e.observe(7, t);
        }
        assertThat(e.kWh()).as("an hour at 7 kW").isCloseTo(7, within(1e-9));
    }

    /** A pile unheard for ten minutes, or a clock stepped, says nothing of what the car drew meanwhile. */
    @Test
    void aLongGapAddsNoMoreThanTheCarryTime() {
        UncountedEnergy e = new UncountedEnergy();
        e.observe(7, 0);
        e.observe(7, 600);
        e.observe(7, 300);
        assertThat(e.kWh()).isCloseTo(7.0 * EnergyCount.CARRY_SECONDS / 3600, within(1e-9));
    }
}
