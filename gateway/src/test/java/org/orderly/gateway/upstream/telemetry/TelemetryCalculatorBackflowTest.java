package org.orderly.gateway.upstream.telemetry;

import org.orderly.gateway.app.live.CycleSeen;
import static org.assertj.core.api.Assertions.assertThat;
import static org.orderly.gateway.app.live.ObservationBuilder.observation;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.app.live.ControlCycle;
import org.orderly.gateway.app.live.ControlMode;
import org.orderly.gateway.app.live.CycleBuilder;
import org.orderly.gateway.app.live.CycleResult;
import org.orderly.gateway.app.live.PileObservation;
import org.orderly.gateway.app.live.TransformerReading;
import org.orderly.gateway.core.CompoundFixtures;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.policy.EqualSharePolicy;
import org.orderly.gateway.core.time.VirtualClock;
import org.orderly.gateway.upstream.message.TelemetryBody;

/**
 * A transformer reading that flows back to the grid, in the 5 s before the cycle distrusts it as a stale one
 * (docs/operations.md, "A transformer meter flowing back"): the cycle takes the households as the last plausible
 * reading had them, not this one at its word, and the telemetry says what that cycle went by. Until 2026-12-04 it sent
 * the reading's total as {@code transformerKw} and the headroom from it: -12.4 kW and 112.4 kW of headroom under a 100
 * kW limit, beside the 90 kW of households the cycle kept to.
 */
class TelemetryCalculatorBackflowTest {
    private final Compound compound = CompoundFixtures.compound().limitKw(100).pile("p1", Phase.ABC, null).build();
    private final VirtualClock clock = new VirtualClock(Instant.parse("2026-12-01T19:00:00Z"), ZoneOffset.UTC);

    @Test
    void aReadingFlowingBackIsNotSaidAsTheLoadBeforeTheCycleDistrustsIt() {
        ControlCycle cycle = CycleBuilder.cycle(compound, new EqualSharePolicy(compound), clock, 8.0).build();
        List<PileObservation> idle = List.of(observation(0, true, 0, 0, clock.instant()).build());
        cycle.run(new TransformerReading(90, clock.instant(), Duration.ZERO), idle, List.of());
        clock.advanceSeconds(1);
        TransformerReading back = new TransformerReading(-12.4, clock.instant(), Duration.ZERO);
        idle = List.of(observation(0, true, 0, 0, clock.instant()).build());

        CycleResult result = cycle.run(back, idle, List.of());
        TelemetryBody body = new TelemetryCalculator(compound).of(new CycleSeen(clock.instant(), back, idle, result));

        assertThat(result.mode()).as("flowing back for 1 s, not yet the 5 s hold").isEqualTo(ControlMode.NORMAL);
        assertThat(body.baseKw()).as("the households the cycle went by: the last plausible reading's").isEqualTo(90.0);
        assertThat(body.transformerKw()).as("transformerKw of a reading flowing back").isNull();
        assertThat(body.headroomKw()).as("headroomKw (limitKw %s)", body.limitKw()).isNull();
        assertThat(body.flex().addKw()).as("the room the cycle went by: 100 kW less the 90 kW of households")
                .isLessThanOrEqualTo(10 + 1e-6);
    }
}
