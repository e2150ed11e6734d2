package org.orderly.gateway.app.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.orderly.gateway.app.live.ObservationBuilder.observation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.limit.Allocation;
import org.orderly.gateway.core.policy.PileReason;

/**
 * A cycle's piles are found by their index, one way: pile {@code i}'s report is at position {@code i}, as the field
 * gives them. Until 2026-12-07 {@link CycleSeen#charging(int)} looked at the position and, where the report there was
 * another pile's, scanned them all.
 */
class CycleSeenPilesTest {
    private static final Instant AT = Instant.parse("2026-12-07T06:00:00Z");

    private static CycleSeen seen(List<PileObservation> piles) {
        return new CycleSeen(AT, new TransformerReading(40, AT, Duration.ZERO), piles,
                CycleResultBuilder.measured(new Allocation(new double[] {10, 10}, new int[] {-1, -1}), ControlMode.NORMAL, 30,
                        List.of(PileReason.NONE, PileReason.NONE), List.of()));
    }

    @Test
    void aPileIsFoundAtItsIndex() {
        CycleSeen seen = seen(List.of(observation(0, true, 0, 0, AT).build(), observation(1, true, 7, 1, AT).build()));
        assertThat(seen.charging(0)).isFalse();
        assertThat(seen.charging(1)).isTrue();
        assertThat(seen.charging(2)).as("a pile the cycle has no report of").isFalse();
    }

    @Test
    void aReportAtAnotherPilesPositionIsRefused() {
        List<PileObservation> swapped = List.of(observation(1, true, 7, 1, AT).build(), observation(0, true, 0, 0, AT).build());
        assertThatThrownBy(() -> seen(swapped)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pile 1's report at position 0 of the cycle at 2026-12-07T06:00:00Z: each pile's report belongs"
                        + " at its index");
    }
}
