package org.orderly.gateway.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AheadOfPlanTest {
    @Test
    void theHeadroomIsSharedEquallyAndWhatOneCannotTakeGoesToTheOthers() {
        double[] kw = AheadOfPlan.share(10, new double[] {0, 2, 7, 7});

        assertThat(kw[0]).as("nothing planned later").isZero();
        assertThat(kw[1]).isCloseTo(2, within(1e-9));
        assertThat(kw[2]).isCloseTo(4, within(1e-9));
        assertThat(kw[3]).isCloseTo(4, within(1e-9));
    }

    @Test
    void noMoreThanEachCanTakeAndNothingWithoutHeadroom() {
        assertThat(AheadOfPlan.share(100, new double[] {3, 5})).containsExactly(3, 5);
        assertThat(AheadOfPlan.share(0, new double[] {3, 5})).containsExactly(0, 0);
        assertThat(AheadOfPlan.share(-4, new double[] {3, 5})).containsExactly(0, 0);
    }
}
