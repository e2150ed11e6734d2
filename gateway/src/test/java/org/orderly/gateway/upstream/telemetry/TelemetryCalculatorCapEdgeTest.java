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

/**
 * Telemetry is sampled from the last cycle some time after it ran (up to a control period): here a cap starts or ends
 * half a second after the cycle, before the sample. docs/upstream.md,
 * "telemetry": {@code limitKw} is the limit in force "as the control cycle kept to it", and every figure is that
 * cycle's. A cap that starts or ends between the cycle and the sample changes the limit the next cycle keeps to, not
 * the one this cycle kept to. Until 2026-12-03 the limit was taken at the sample's time: a cap starting in between
 * was reported beside the load of a cycle that had not kept to it (a headroom of -11 kW the gateway never ran under,
 * {@code GridCapHonestyLiveTest}), and one ending in between as lifted beside a cycle still held to it.
 */
class TelemetryCalculatorCapEdgeTest {
    private static final Compound COMPOUND = CompoundFixtures.compound().limitKw(100)
            .pile("p1", Phase.ABC, null).build();
    private static final Instant CYCLE = Instant.parse("2026-12-01T19:00:00Z");

    @Test
    void aCapStartingAfterTheCycleIsNotReportedWithIt() {
        GridCap cap = new GridCap("peak", CYCLE.plusMillis(500), CYCLE.plusSeconds(3600), 60.0);

        TelemetryBody body = new TelemetryCalculator(COMPOUND).of(cycleAt(cap));

        assertThat(body.limitKw()).as("limitKw of a cycle run before the cap started").isEqualTo(100.0);
        assertThat(body.headroomKw()).isEqualTo(100.0 - 80.0);
    }

    @Test
    void aCapEndingAfterTheCycleIsReportedWithIt() {
        GridCap cap = new GridCap("peak", CYCLE.minusSeconds(3600), CYCLE.plusMillis(500), 60.0);

        TelemetryBody body = new TelemetryCalculator(COMPOUND).of(cycleAt(cap));

        assertThat(body.limitKw()).as("limitKw of a cycle run while the cap was in force").isEqualTo(60.0);
        assertThat(body.headroomKw()).isEqualTo(60.0 - 80.0);
        assertThat(body.flex().addKw()).as("room the cycle had under the cap").isEqualTo(0.0);
    }

    /** A cycle at {@link #CYCLE} given {@code cap}: households 60 kW, one pile drawing 20 kW. */
    private static CycleSeen cycleAt(GridCap cap) {
        return new CycleSeen(CYCLE, new TransformerReading(80, CYCLE, Duration.ZERO),
                List.of(observation(0, true, 20.0, 20.0, CYCLE).build()),
                CycleResultBuilder.measured(new Allocation(new double[] {30}, new int[] {-1}), ControlMode.NORMAL, 60.0,
                        List.of(PileReason.CHARGING), List.of(cap)));
    }
}
