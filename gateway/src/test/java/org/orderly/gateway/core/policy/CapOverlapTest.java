package org.orderly.gateway.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.CompoundFixtures;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.GridCap;
import org.orderly.gateway.core.model.Phase;

/**
 * The contract has no command that lifts a cap (docs/upstream.md, "cmd/cap"): where caps overlap the lowest applies,
 * so a higher cap sent over a lower one changes nothing while the lower lasts, and the lower holds to its {@code to}.
 * As seen from the grid side (a 35 kW cap over a 30 kW one left telemetry's {@code limitKw} at 30).
 */
class CapOverlapTest {
    private static final Instant T0 = Instant.parse("2026-12-05T05:35:00Z");
    private final Compound compound = CompoundFixtures.compound().limitKw(63).pile("P1", Phase.A, null).build();

    @Test
    void aHigherCapOverALowerOneLiftsNothingWhileTheLowerLasts() {
        GridCap low = new GridCap("cap-now", T0, T0.plusSeconds(250), 30);
        GridCap higher = new GridCap("cap-overlap", T0.plusSeconds(60), T0.plusSeconds(150), 35);
        List<GridCap> caps = List.of(low, higher);

        assertThat(ChargingPolicy.limitAt(compound, caps, T0.plusSeconds(90))).as("both in force").isEqualTo(30);
        assertThat(ChargingPolicy.limitAt(compound, caps, T0.plusSeconds(200))).as("the higher over").isEqualTo(30);
        assertThat(ChargingPolicy.limitAt(compound, caps, T0.plusSeconds(250))).as("the lower over").isEqualTo(63);
    }
}
