package org.orderly.gateway.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SteadyOfferTest {
    @Test
    void aDrawingSessionKeepsItsOfferThroughASmallChangeOnly() {
        assertThat(SteadyOffer.kw(7.0, 6.9, 0.23, 8)).isEqualTo(7.0);
        assertThat(SteadyOffer.kw(7.0, 7.1, 0.23, 8)).isEqualTo(7.0);
        assertThat(SteadyOffer.kw(7.0, 6.7, 0.23, 8)).as("a change of a step or more").isEqualTo(6.7);
    }

    @Test
    void neverAStopNorAStartNorAboveTheMostItMayHave() {
        assertThat(SteadyOffer.kw(1.4, 0, 0.23, 8)).as("a stop").isZero();
        assertThat(SteadyOffer.kw(0, 0.1, 0.23, 8)).as("not drawing").isEqualTo(0.1);
        assertThat(SteadyOffer.kw(7.0, 6.9, 0.23, 6.95)).as("an installer's limit below the offer").isEqualTo(6.9);
    }
}
