package org.orderly.gateway.upstream.telemetry;

import org.orderly.gateway.app.live.CycleSeen;
import static org.assertj.core.api.Assertions.assertThat;
import static org.orderly.gateway.app.live.ObservationBuilder.observation;
import static org.orderly.gateway.app.live.ReadingBuilder.meterReading;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.app.live.ControlCycle;
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
 * A 66 kW transformer with 22 kW lines, two piles on line A, and households loading line A with 20 kW and B and C with
 * 2 kW each: what could be added is what line A has left (2 kW), not a third of the households' total off each line.
 */
class TelemetryCalculatorLineTest {
    private final Compound compound = CompoundFixtures.compound().limitKw(66).phaseLimitA(100)
            .pile("a1", Phase.A, null).pile("a2", Phase.A, null).build();
    private final VirtualClock clock = new VirtualClock(Instant.parse("2026-01-13T15:00:00Z"), ZoneId.of("Asia/Shanghai"));

    @Test
    void theKwThatCouldBeAddedIsWhatTheLoadedLineHasLeft() {
        ControlCycle cycle = CycleBuilder.cycle(compound, new EqualSharePolicy(compound), clock, 8.0).build();
        TransformerReading reading = meterReading(24, clock.instant(), Duration.ZERO)
                .phaseKw(Map.of("power.a.kw", 20.0, "power.b.kw", 2.0, "power.c.kw", 2.0)).build();
        List<PileObservation> piles = List.of(observation(0, true, 0, 0, clock.instant()).build(),
                observation(1, true, 0, 0, clock.instant()).build());
        CycleResult result = cycle.run(reading, piles, List.of());

        TelemetryBody body = new TelemetryCalculator(compound).of(new CycleSeen(clock.instant(), reading, piles, result));

        assertThat(body.flex().addKw()).as("line A's 22 kW less the households' 20 kW on it")
                .isLessThanOrEqualTo(2 + 1e-6);
    }
}
