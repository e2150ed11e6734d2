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
 * A transformer reading below what the piles alone draw (a thousandth of the load, as a scale gone wrong for a reading
 * reads), before the last plausible reading is too old to go on from: the cycle takes the households as that one had
 * them, and the telemetry says what that cycle went by, not the reading's total or a headroom from it.
 */
class TelemetryCalculatorBelowPilesTest {
    private final Compound compound = CompoundFixtures.compound().limitKw(100).pile("p1", Phase.ABC, null).build();
    private final VirtualClock clock = new VirtualClock(Instant.parse("2026-12-01T19:00:00Z"), ZoneOffset.UTC);

    private List<PileObservation> drawing(double kw) {
        return List.of(observation(0, true, kw, 0, clock.instant()).build());
    }

    @Test
    void aReadingBelowThePilesIsNotSaidAsTheLoad() {
        ControlCycle cycle = CycleBuilder.cycle(compound, new EqualSharePolicy(compound), clock, 8.0).build();
        double[] amps = new double[1];
        for (int s = 0; s < 3; s++) {
            double kw = CompoundFixtures.kw(compound, amps);
            amps = cycle.run(new TransformerReading(80 + kw, clock.instant(), Duration.ZERO), drawing(kw), List.of())
                    .allocation().amps().clone();
            clock.advanceSeconds(1);
        }
        double kw = CompoundFixtures.kw(compound, amps);
        TransformerReading low = new TransformerReading((80 + kw) / 1000, clock.instant(), Duration.ZERO);

        CycleResult result = cycle.run(low, drawing(kw), List.of());
        TelemetryBody body = new TelemetryCalculator(compound).of(new CycleSeen(clock.instant(), low, drawing(kw), result));

        assertThat(result.belowPiles()).as("the car draws %s kW", kw).isNotNull();
        assertThat(result.mode()).isEqualTo(ControlMode.NORMAL);
        assertThat(body.baseKw()).as("the households the cycle went by: the last plausible reading's").isEqualTo(80.0);
        assertThat(body.transformerKw()).as("transformerKw of a reading below the piles").isNull();
        assertThat(body.headroomKw()).as("headroomKw (limitKw %s)", body.limitKw()).isNull();
    }
}
