package org.orderly.gateway.upstream.telemetry;

import org.orderly.gateway.app.live.CycleSeen;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
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
 * Three piles with a car each: the first measures its car's 16 A, the second is a firmware-bridge whose meter is silent
 * (it says the most its 16 A offer allows), the third a Modbus pile without a power register (it says 0, its car
 * drawing what it draws). {@code evKw} stays the sum the cycle takes off the households' load, and the telemetry says
 * how much of it no pile measured and how many such piles have a car. Until 2026-12-04 the grid company could not tell
 * the 3.52 kW estimate and the 0 from measurements.
 */
class TelemetryCalculatorUnmeasuredDrawTest {
    private static final Compound COMPOUND = CompoundFixtures.compound().limitKw(100)
            .pile("p1", Phase.A, null).pile("p2", Phase.B, null).pile("p3", Phase.C, null).build();
    private static final Instant NOW = Instant.parse("2026-12-04T19:00:00Z");
    private static final double SIXTEEN_A_KW = 16 * 0.22;

    @Test
    void theEvLoadSaysHowMuchOfItNoPileMeasured() {
        List<PileObservation> piles = List.of(
                observation(0, true, SIXTEEN_A_KW, 2, NOW).build(),
                observation(1, true, SIXTEEN_A_KW, 3, NOW).drawKnown(false).build(),
                observation(2, true, 0, 0, NOW).drawKnown(false).build());
        double totalKw = 20 + 3 * SIXTEEN_A_KW;
        CycleResult result = CycleResultBuilder.result(new Allocation(new double[] {16, 16, 16}, new int[] {0, 0, 0}),
                ControlMode.NORMAL, totalKw - 2 * SIXTEEN_A_KW)
                .reasons(List.of(PileReason.CHARGING, PileReason.CHARGING, PileReason.CHARGING))
                .householdFigure(HouseholdFigure.MEASURED).build();
        TelemetryBody body = new TelemetryCalculator(COMPOUND).of(
                new CycleSeen(NOW, new TransformerReading(totalKw, NOW, Duration.ZERO), piles, result));

        assertThat(body.evKw()).as("what the piles say they draw, measured or not").isEqualTo(2 * SIXTEEN_A_KW,
                within(1e-9));
        assertThat(body.evUnmeasuredKw()).as("of it, the silent meter's estimate").isEqualTo(SIXTEEN_A_KW, within(1e-9));
        assertThat(body.piles().unmeasured()).as("cars on piles that measure no draw").isEqualTo(2);
        assertThat(body.piles().plugged()).isEqualTo(3);
    }
}
