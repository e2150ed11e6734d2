package org.orderly.gateway.upstream.telemetry;

import org.orderly.gateway.app.live.CycleSeen;
import static org.assertj.core.api.Assertions.assertThat;
import static org.orderly.gateway.app.live.ObservationBuilder.observation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.app.live.ControlMode;
import org.orderly.gateway.app.live.CycleResult;
import org.orderly.gateway.app.live.CycleResultBuilder;
import org.orderly.gateway.app.live.PileObservation;
import org.orderly.gateway.app.live.TransformerReading;
import org.orderly.gateway.core.CompoundFixtures;
import org.orderly.gateway.core.limit.Allocation;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.policy.HouseholdFigure;
import org.orderly.gateway.core.policy.PileReason;
import org.orderly.gateway.upstream.message.TelemetryBody;

/**
 * A Modbus pile without a power register says 0 for a car that may draw its whole 16 A offer: the cycle counts that
 * draw in the households' load, which is then an upper bound ({@link HouseholdFigure#BOUND}), and the telemetry says so
 * beside {@code baseKw}, as the cycle decided it. Until 2026-12-06 it said nothing, and a grid company summing
 * {@code baseKw} over its compounds took such a bound for a measurement.
 */
class TelemetryCalculatorBoundHouseholdsTest {
    private static final Compound COMPOUND = CompoundFixtures.compound().limitKw(100).pile("p1", Phase.A, null).build();
    private static final Instant NOW = Instant.parse("2026-12-06T19:00:00Z");
    private static final List<PileObservation> A_PILE_SAYING_NO_DRAW = List.of(
            observation(0, true, 0, 0, NOW).drawKnown(false).build());

    @Test
    void householdsThatAreABoundAreSaidSo() {
        assertThat(telemetry(ControlMode.NORMAL, 23.5, HouseholdFigure.BOUND).baseBound())
                .as("the households with a car's draw the pile does not say").isTrue();
    }

    @Test
    void measuredHouseholdsAreSaidMeasured() {
        assertThat(telemetry(ControlMode.NORMAL, 20.0, HouseholdFigure.MEASURED).baseBound()).isFalse();
    }

    @Test
    void withoutHouseholdsThereIsNothingToBound() {
        TelemetryBody body = telemetry(ControlMode.CONSERVATIVE, Double.NaN, null);
        assertThat(body.baseKw()).isNull();
        assertThat(body.baseBound()).isNull();
    }

    private static TelemetryBody telemetry(ControlMode mode, double baseKw, HouseholdFigure figure) {
        CycleResult result = CycleResultBuilder.result(new Allocation(new double[] {16}, new int[] {0}), mode, baseKw)
                .reasons(List.of(PileReason.CHARGING)).mayDrawA(new double[] {16}).householdFigure(figure).build();
        return new TelemetryCalculator(COMPOUND).of(
                new CycleSeen(NOW, new TransformerReading(23.5, NOW, Duration.ZERO), A_PILE_SAYING_NO_DRAW, result));
    }
}
