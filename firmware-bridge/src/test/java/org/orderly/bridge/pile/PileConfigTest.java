package org.orderly.bridge.pile;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/**
 * A limit as sent is compared with the configured bounds as they were written: 16.7 A is the maximum 16.7 A, not
 * the double's binary value 16.699999999999999289... that refused it.
 */
class PileConfigTest {
    private final PileConfig pile = new PileConfig("P1", "t", 6.2, 16.7, 1, 220.0, 6.2);

    @Test
    void aLimitSentAtADecimalBoundIsAccepted() {
        assertThat(pile.accepts(16.7)).as("double 16.7").isTrue();
        assertThat(pile.accepts(new BigDecimal("16.7"))).as("16.7 as sent, the max").isTrue();
        assertThat(pile.accepts(new BigDecimal("6.2"))).as("6.2 as sent, the min").isTrue();
    }

    @Test
    void aLimitSentJustOutsideADecimalBoundIsRefused() {
        assertThat(pile.accepts(new BigDecimal("16.70000000000000000001"))).as("just above the max").isFalse();
        assertThat(pile.accepts(new BigDecimal("6.19999999999999999999"))).as("just below the min").isFalse();
        assertThat(pile.accepts(BigDecimal.ZERO)).as("0 A, stop offering").isTrue();
    }
}
