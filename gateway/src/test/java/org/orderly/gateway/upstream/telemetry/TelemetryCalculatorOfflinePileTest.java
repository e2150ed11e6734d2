package org.orderly.gateway.upstream.telemetry;

import org.orderly.gateway.app.live.CycleSeen;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.orderly.gateway.app.live.ObservationBuilder.observation;

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
import org.orderly.gateway.core.limit.Reservation;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.policy.HouseholdFigure;
import org.orderly.gateway.core.policy.PileReason;
import org.orderly.gateway.upstream.message.TelemetryBody;

/**
 * Two piles on a 32 A circuit; the second has not been heard from for 80 s, its last report 16 A plugged in, and the
 * cycle holds its 6 A fallback for it. Telemetry says what the gateway knows: the EV load and the counts of the pile it
 * hears, the other as offline, and the room to add within the circuit less what is held.
 */
class TelemetryCalculatorOfflinePileTest {
    private static final Compound COMPOUND = CompoundFixtures.compound().limitKw(100).circuit("c", 32 * 0.22)
            .pile("p1", Phase.A, 6, 32, "c").pile("p2", Phase.A, 6, 32, "c").build();
    private static final Instant NOW = Instant.parse("2026-12-01T15:00:00Z");

    @Test
    void anOfflinePileIsCountedAsOfflineNotAsDrawingItsLastReport() {
        // The first pile is offered 26 A, its car takes 16 A; the second draws its fallback, 6 A, which the meter sees.
        double p1Kw = 16 * 0.22;
        double p2Kw = 6 * 0.22;
        List<PileObservation> piles = List.of(observation(0, true, p1Kw, 2, NOW).build(),
                observation(1, true, 16 * 0.22, 3, NOW.minusSeconds(80)).age(Duration.ofSeconds(80)).build());
        double totalKw = 20 + p1Kw + p2Kw;
        CycleResult result = CycleResultBuilder.result(new Allocation(new double[] {26, 0}, new int[] {2, -1}),
                ControlMode.NORMAL, totalKw - p1Kw).reasons(List.of(PileReason.CHARGING, PileReason.PILE_OFFLINE))
                .reserved(new Reservation(Map.of(1, 6.0))).householdFigure(HouseholdFigure.MEASURED).build();
        TelemetryBody body = new TelemetryCalculator(COMPOUND).of(
                new CycleSeen(NOW, new TransformerReading(totalKw, NOW, Duration.ZERO), piles, result));

        assertThat(body.evKw()).as("what the piles heard from draw").isEqualTo(p1Kw, within(1e-9));
        assertThat(body.baseKw() + body.evKw()).as("households and EVs make the transformer's total")
                .isEqualTo(body.transformerKw(), within(1e-9));
        assertThat(body.piles()).isEqualTo(new TelemetryBody.PileCounts(2, 1, 1, 1, 0));
        assertThat(body.flex().shedKw()).as("only what the gateway can pause").isEqualTo(p1Kw, within(1e-9));
        assertThat(body.flex().addKw()).as("the first pile up to the circuit less the 6 A held")
                .isEqualTo((32 - 6 - 16) * 0.22, within(0.03));
    }
}
