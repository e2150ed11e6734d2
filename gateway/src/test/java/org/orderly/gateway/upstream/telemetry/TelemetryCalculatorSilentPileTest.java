package org.orderly.gateway.upstream.telemetry;

import org.orderly.gateway.app.live.CycleSeen;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.orderly.gateway.app.live.ObservationBuilder.observation;
import static org.orderly.gateway.app.live.ReadingBuilder.meterReading;
import static org.orderly.gateway.core.CompoundFixtures.KW_PER_A_1PH;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.app.live.ControlMode;
import org.orderly.gateway.app.live.CycleResult;
import org.orderly.gateway.app.live.CycleResultBuilder;
import org.orderly.gateway.app.live.PileObservation;
import org.orderly.gateway.app.live.TransformerReading;
import org.orderly.gateway.core.CompoundFixtures;
import org.orderly.gateway.core.limit.Allocation;
import org.orderly.gateway.core.limit.SilentOffers;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.LineLoads;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.policy.HouseholdFigure;
import org.orderly.gateway.core.policy.PileReason;
import org.orderly.gateway.upstream.message.TelemetryBody;

/**
 * A Modbus pile without a power register (it says 0 for whatever its car draws) on line A, 40 A at 220 V, of a 66 kW
 * transformer. Its car's draw is the households' at the next reading, so the cycle counts what it gives such a pile
 * above its offer in force twice ({@link SilentOffers}): the room to add must be shared so too. Until 2026-12-06 the
 * telemetry shared it once: it said the line's whole room as room to add for a car the cycle gives half of it, and
 * 2.2 kW for a car the cycle does not start at all (half the room below its 6 A).
 */
class TelemetryCalculatorSilentPileTest {
    private static final Compound COMPOUND = CompoundFixtures.compound().limitKw(66).phaseLimitA(40)
            .pile("a1", Phase.A, 6, 32, null).build();
    private static final Instant NOW = Instant.parse("2026-12-06T19:00:00Z");

    @Test
    void aSilentCarNotStartedForWantOfTwiceItsLeastCurrentHasNoRoomToAdd() {
        // 30 A on line A leave 10 A: its 6 A would take 12, as the cycle counts them, and it is given nothing.
        TelemetryBody body = telemetry(30, 0);

        assertThat(body.flex().addKw()).as("the room to add for a car the cycle does not start").isEqualTo(0.0,
                within(1e-9));
    }

    @Test
    void aSilentCarsRaiseAboveItsOfferIsRoomTwice() {
        // Its car on a 10 A offer among 20 A on line A: of the 20 A left, the cycle gives it 5 A more (10 + 2 x 5 = 20).
        TelemetryBody body = telemetry(20, 10);

        assertThat(body.flex().addKw()).as("what the cycle would give it, 15 A, none of it counted as drawing")
                .isEqualTo(15 * KW_PER_A_1PH, within(1e-6));
    }

    /** One cycle's telemetry, line A at {@code lineA} (its car's draw among it), the pile's offer in force {@code inForceA}. */
    private static TelemetryBody telemetry(double lineA, double inForceA) {
        double lineAKw = lineA * KW_PER_A_1PH;
        double totalKw = lineAKw + 4;
        CycleResult result = CycleResultBuilder.result(new Allocation(new double[] {inForceA}, new int[] {-1}),
                ControlMode.NORMAL, totalKw).reasons(List.of(PileReason.CHARGING))
                .householdLines(new LineLoads(lineAKw, 2, 2)).mayDrawA(new double[] {inForceA})
                .householdFigure(HouseholdFigure.BOUND)
                .silent(SilentOffers.of(new double[] {inForceA}, new double[] {Double.NaN})).build();
        TransformerReading reading = meterReading(totalKw, NOW, Duration.ZERO)
                .phaseKw(Map.of("power.a.kw", lineAKw, "power.b.kw", 2.0, "power.c.kw", 2.0)).build();
        PileObservation saysNoDraw = observation(0, true, 0, 1, NOW).drawKnown(false).build();
        return new TelemetryCalculator(COMPOUND).of(new CycleSeen(NOW, reading, List.of(saysNoDraw), result));
    }
}
