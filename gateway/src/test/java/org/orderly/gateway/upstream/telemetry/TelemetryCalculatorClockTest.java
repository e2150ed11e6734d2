package org.orderly.gateway.upstream.telemetry;

import org.orderly.gateway.app.live.CycleSeen;
import static org.assertj.core.api.Assertions.assertThat;
import static org.orderly.gateway.app.live.ObservationBuilder.observation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.app.live.ControlMode;
import org.orderly.gateway.app.live.CycleResultBuilder;
import org.orderly.gateway.app.live.TransformerReading;
import org.orderly.gateway.core.CompoundFixtures;
import org.orderly.gateway.core.limit.Allocation;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.GridCap;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.policy.PileReason;
import org.orderly.gateway.upstream.message.TelemetryBody;

/** The limit telemetry reports is the one the cycle kept to, also while the clock is not set. */
class TelemetryCalculatorClockTest {
    private static final Compound COMPOUND = CompoundFixtures.compound().limitKw(100)
            .pile("p1", Phase.ABC, null).build();
    private static final Instant AT_1970 = Instant.parse("1970-01-01T00:05:00Z");
    /** A cap for this evening, which a clock at 1970 cannot judge: the cycle keeps to it whatever its window says. */
    private static final GridCap EVENING = new GridCap("evening", Instant.parse("2026-12-01T17:00:00Z"),
            Instant.parse("2026-12-01T21:00:00Z"), 60);

    @Test
    void whileTheClockIsNotSetTheLowestCapReceivedIsTheLimitReported() {
        TelemetryBody body = new TelemetryCalculator(COMPOUND).of(seen(ControlMode.CLOCK_NOT_SET));
        assertThat(body.limitKw()).isEqualTo(60.0);
        assertThat(body.mode()).isEqualTo("conservative");
    }

    @Test
    void aSetClockJudgesTheCapByItsWindow() {
        TelemetryBody body = new TelemetryCalculator(COMPOUND).of(seen(ControlMode.NORMAL));
        assertThat(body.limitKw()).isEqualTo(100.0);
    }

    private static CycleSeen seen(ControlMode mode) {
        return new CycleSeen(AT_1970, new TransformerReading(50, AT_1970, Duration.ZERO),
                List.of(observation(0, true, 7.0, 1.0, AT_1970).build()),
                CycleResultBuilder.measured(new Allocation(new double[] {10}, new int[] {-1}), mode, 43.0,
                        List.of(PileReason.NONE), List.of(EVENING)));
    }
}
