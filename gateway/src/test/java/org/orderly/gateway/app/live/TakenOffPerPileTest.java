package org.orderly.gateway.app.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * What the settled households took off for each pile's draw: exact at either bound, and between them the most each pile
 * may have had taken off, so that what the households are said to hold of a pile is never more than they hold.
 */
class TakenOffPerPileTest {
    private static final double[] HEAVY = {7, 3, 5};
    private static final double[] LIGHT = {9, 6, 5};

    @Test
    void atTheHeavyBoundEachPileAsTheHeavyBoundTookIt() {
        assertThat(TakenOffPerPile.of(HEAVY, LIGHT, 15)).containsExactly(7, 3, 5);
    }

    @Test
    void atTheLightBoundEachPileAsTheLightBoundTookIt() {
        assertThat(TakenOffPerPile.of(HEAVY, LIGHT, 20)).containsExactly(9, 6, 5);
    }

    @Test
    void betweenTheBoundsEachPileTheMostItsOwnStepAllows() {
        // 1.5 kW beyond the heavy bound: either pile's step may hold it all.
        assertThat(TakenOffPerPile.of(HEAVY, LIGHT, 16.5)).containsExactly(new double[] {8.5, 4.5, 5}, within(1e-9));
    }

    @Test
    void householdsClampedAtNothingAreNoLighterThanTheHeavyBound() {
        assertThat(TakenOffPerPile.of(HEAVY, LIGHT, 4)).containsExactly(7, 3, 5);
    }
}
