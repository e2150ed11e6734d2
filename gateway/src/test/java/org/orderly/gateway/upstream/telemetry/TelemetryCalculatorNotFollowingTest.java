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
import org.orderly.gateway.app.live.TransformerReading;
import org.orderly.gateway.core.CompoundFixtures;
import org.orderly.gateway.core.limit.Allocation;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.policy.PileReason;
import org.orderly.gateway.upstream.message.TelemetryBody;

/**
 * A pile that draws more than the cycle allows it and does not follow: p2 is held to 6 A by the installer and its car
 * draws 16 A. The cycle counts the 10 A above its 6 A as the households' (it cannot steer them), so telemetry must not
 * offer them as sheddable, nor take them off the room to add a second time. p1 follows its 20 A offer. A 15 kW
 * transformer; the households draw 5 kW.
 */
class TelemetryCalculatorNotFollowingTest {
    private static final Compound COMPOUND = CompoundFixtures.compound().limitKw(15)
            .pile("p1", Phase.A, 6, 32, null).pile("p2", Phase.A, 6, 32, null).build();
    private static final Instant NOW = Instant.parse("2026-12-04T15:00:00Z");
    private static final double KW_PER_A = CompoundFixtures.KW_PER_A_1PH;
    private static final double HOUSEHOLDS_KW = 5;

    private TelemetryBody telemetry(Map<Integer, Double> mayDrawA) {
        double p1Kw = 20 * KW_PER_A;
        double p2Kw = 16 * KW_PER_A;
        double totalKw = HOUSEHOLDS_KW + p1Kw + p2Kw;
        // The cycle's households: the meter's total less each pile's draw up to what it may draw (p2: 16 A up to it).
        double baseKw = totalKw - p1Kw - Math.min(16, mayDrawA.get(1)) * KW_PER_A;
        CycleResult result = CycleResultBuilder.result(new Allocation(new double[] {20, 6}, new int[] {0, -1}),
                ControlMode.NORMAL, baseKw).reasons(List.of(PileReason.CHARGING, PileReason.INSTALLER_LIMIT))
                .mostNowA(Map.of(1, 6.0)).mayDrawA(byPile(mayDrawA)).build();
        return new TelemetryCalculator(COMPOUND).of(new CycleSeen(NOW, new TransformerReading(totalKw, NOW,
                Duration.ZERO), List.of(observation(0, true, p1Kw, 2, NOW).build(),
                observation(1, true, p2Kw, 3, NOW).build()), result));
    }

    @Test
    void whatAPileDrawsAboveWhatItMayIsNotOfferedAsSheddable() {
        TelemetryBody body = telemetry(Map.of(0, 20.0, 1, 6.0));

        assertThat(body.evKw()).as("what the piles draw").isEqualTo(36 * KW_PER_A, within(1e-9));
        // A cap at transformerKw - shedKw must leave the load p2 keeps drawing whatever it is offered.
        assertThat(body.flex().shedKw()).as("p1's draw; none of p2's, which does not follow its offer")
                .isEqualTo(20 * KW_PER_A, within(1e-9));
        // The room is the transformer's less the cycle's households (p2's 10 A above its 6 A among them); the cycle may
        // give p1 all of it but p2's 6 A: 15 - 7.2 - 1.32 - 4.4 = 2.08 kW more.
        assertThat(body.flex().addKw()).as("the room less what the cycle counts the piles drawing")
                .isEqualTo(15 - body.baseKw() - 26 * KW_PER_A, within(1e-6));
    }

    @Test
    void aPileWithinTheFollowToleranceOfWhatItMayDrawIsSheddableWhole() {
        // p2 allowed 15.5 A (say, a car still following a cut): its 16 A are within the whole ampere meters round by.
        TelemetryBody body = telemetry(Map.of(0, 20.0, 1, 15.5));

        assertThat(body.flex().shedKw()).as("both piles' draws").isEqualTo(36 * KW_PER_A, within(1e-9));
    }

    /** {@code mayDrawA} by pile index, a pile not in the map taken to follow (infinite). */
    private static double[] byPile(Map<Integer, Double> mayDrawA) {
        double[] out = new double[COMPOUND.pileCount()];
        for (int i = 0; i < out.length; i++) {
            out[i] = mayDrawA.getOrDefault(i, Double.POSITIVE_INFINITY);
        }
        return out;
    }
}
