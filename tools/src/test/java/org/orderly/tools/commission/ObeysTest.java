package org.orderly.tools.commission;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.time.Tick;
import org.orderly.gateway.field.pile.ChargeState;
import org.orderly.gateway.field.pile.PileState;

/**
 * What a read-back shows of a limit. A pile map may leave out current.offered.a (PileMap: optional), and such a pile
 * reports no offer (NaN): it cannot be shown to disobey, and pile set must not fail it for ever on a figure it never
 * gave.
 */
class ObeysTest {
    private static PileState offering(double amps) {
        return new PileState("p3", ChargeState.C, amps, 2.2, 1.0, Optional.empty(), Instant.EPOCH, new Tick(0));
    }

    @Test
    void aPileOfferingMoreThanTheLimitDoesNotObeyAndOneOfferingLessDoes() {
        assertThat(Obeys.limit(offering(16), 10)).isFalse();
        assertThat(Obeys.limit(offering(10.4), 10)).isTrue();
        assertThat(Obeys.limit(offering(6), 10)).isTrue();
    }

    @Test
    void aPileThatDoesNotSayWhatItOffersIsNotFailedOnIt() {
        assertThat(Obeys.limit(offering(Double.NaN), 10)).isTrue();
        assertThat(PileCommand.describe(offering(Double.NaN))).contains("offered current not reported")
                .doesNotContain("NaN");
    }
}
