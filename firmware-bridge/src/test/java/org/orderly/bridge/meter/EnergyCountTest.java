package org.orderly.bridge.meter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.orderly.bridge.meter.EnergyCount.Backwards;
import org.orderly.bridge.meter.EnergyCount.Counted;
import org.orderly.bridge.meter.EnergyCount.Rebased;

/** The energy a meter has counted since the bridge first read it, through a glitch and a reset. */
class EnergyCountTest {
    private final EnergyCount count = new EnergyCount();

    @Test
    void countsFromTheFirstTotalOn() {
        assertThat(count.take(100.0)).isEqualTo(new Counted(0.0));
        assertThat(count.take(100.5)).isEqualTo(new Counted(0.5));
        assertThat(count.take(100.5)).isEqualTo(new Counted(0.5));
        assertThat(count.take(101.75)).isEqualTo(new Counted(1.75));
    }

    @Test
    void oneTotalBelowTheLastIsRefusedAndTheNextGoodOneCountsOnFromTheLast() {
        count.take(100.0);
        count.take(100.5);

        assertThat(count.take(3.0)).isEqualTo(new Backwards(100.5, 3.0));
        assertThat(count.take(100.75)).isEqualTo(new Counted(0.75));
    }

    @Test
    void aLowerTotalThatHoldsIsANewMeterOrAResetOneCountedOnFromThere() {
        count.take(100.0);
        count.take(100.5);

        assertThat(count.take(2.0)).isEqualTo(new Backwards(100.5, 2.0));
        assertThat(count.take(2.0)).isEqualTo(new Rebased(0.5, 100.5, 2.0));
        assertThat(count.take(2.25)).isEqualTo(new Counted(0.75));
    }

    @Test
    void aTotalStillFallingIsRefusedAgainAndCountedFromWhereItSettled() {
        count.take(100.0);

        assertThat(count.take(50.0)).isEqualTo(new Backwards(100.0, 50.0));
        assertThat(count.take(40.0)).isEqualTo(new Backwards(100.0, 40.0));
        assertThat(count.take(40.5)).isEqualTo(new Rebased(0.5, 100.0, 40.5));
    }
}
