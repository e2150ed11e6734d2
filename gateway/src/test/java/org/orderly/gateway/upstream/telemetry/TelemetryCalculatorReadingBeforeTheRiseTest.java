package org.orderly.gateway.upstream.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.orderly.gateway.app.live.ObservationBuilder.observation;
import static org.orderly.gateway.upstream.telemetry.ThreeCarsReadingLags.CAR_KW;
import static org.orderly.gateway.upstream.telemetry.ThreeCarsReadingLags.COMPOUND;
import static org.orderly.gateway.upstream.telemetry.ThreeCarsReadingLags.HOUSEHOLDS_KW;
import static org.orderly.gateway.upstream.telemetry.ThreeCarsReadingLags.NOW;
import static org.orderly.gateway.upstream.telemetry.ThreeCarsReadingLags.OFFER_A;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.app.live.ControlMode;
import org.orderly.gateway.app.live.CycleResult;
import org.orderly.gateway.app.live.CycleResultBuilder;
import org.orderly.gateway.app.live.CycleSeen;
import org.orderly.gateway.app.live.PileObservation;
import org.orderly.gateway.app.live.TransformerReading;
import org.orderly.gateway.core.CompoundFixtures;
import org.orderly.gateway.core.limit.Allocation;
import org.orderly.gateway.core.policy.HouseholdFigure;
import org.orderly.gateway.core.policy.PileReason;
import org.orderly.gateway.upstream.command.CapReach;
import org.orderly.gateway.upstream.message.TelemetryBody;

/**
 * A cycle's reading older than the piles' reports: {@code transformerKw} and {@code flex.shedKw} of one moment, so that
 * a cap at {@code transformerKw - flex.shedKw}, and a cap reply's {@code leastKw}, is one the cycle can meet. The
 * figures of a run of GridCapHonestyLiveTest: the households' 8.80 kW read while three cars were paused, the cars
 * drawing 16.20 kW by the cycle that took that reading (their pile reports newer than it); the cycle's households are
 * that reading less what the piles drew in it, nothing. Until 2026-12-07 the shed was what the piles drew now: 8.80
 * less 16.20, a cap of -7.40 kW, which {@code cmd/cap} rejects.
 */
class TelemetryCalculatorReadingBeforeTheRiseTest {

    @Test
    void aReadingFromBeforeTheCarsDrewAgainShedsNothingBelowIt() {
        TelemetryBody body = telemetry(HOUSEHOLDS_KW, HOUSEHOLDS_KW, CAR_KW, OFFER_A);

        assertThat(body.evKw()).as("what the piles draw now").isCloseTo(3 * CAR_KW, within(1e-9));
        assertThat(body.transformerKw() - body.flex().shedKw()).as("a cap at transformerKw - flex.shedKw: %s", body)
                .isCloseTo(HOUSEHOLDS_KW, within(1e-9));
        CapReach reach = CapReach.of(body, null, NOW, NOW.plusSeconds(60));
        assertThat(reach.leastKw()).as("the cap reply's leastKw: %s", reach).isCloseTo(HOUSEHOLDS_KW, within(1e-9));
        assertThat(reach.meetable(HOUSEHOLDS_KW)).as("a cap at the households, every car stopped").isTrue();
    }

    @Test
    void aReadingHoldingTheCarsShedsThemWhole() {
        TelemetryBody body = telemetry(HOUSEHOLDS_KW + 3 * CAR_KW, HOUSEHOLDS_KW, CAR_KW, OFFER_A);

        assertThat(body.flex().shedKw()).as("%s", body).isCloseTo(3 * CAR_KW, within(1e-9));
        assertThat(CapReach.of(body, null, NOW, NOW.plusSeconds(60)).leastKw()).isCloseTo(HOUSEHOLDS_KW, within(1e-9));
    }

    @Test
    void carsThatDrawLessThanTheReadingHeldAreShedNoMoreThanTheyDraw() {
        // Read while the cars drew 5.40 kW each, reported at 2.00 kW since: what could be shed is what they draw.
        TelemetryBody body = telemetry(HOUSEHOLDS_KW + 3 * CAR_KW, HOUSEHOLDS_KW, 2.00, OFFER_A);

        assertThat(body.flex().shedKw()).as("%s", body).isCloseTo(3 * 2.00, within(1e-9));
    }

    @Test
    void aPileThatDoesNotFollowStaysInTheLeastTotal() {
        // p3 held to 6 A (1.32 kW) draws its 5.40 kW whatever it is offered, so the reading taken while p1 and p2 were
        // paused holds it: the cycle counts its draw above 6 A as the households', and no offer takes off its 6 A.
        double p3MayKw = 6 * CompoundFixtures.KW_PER_A_1PH;
        double readKw = HOUSEHOLDS_KW + CAR_KW;
        TelemetryBody body = telemetry(readKw, readKw - p3MayKw, CAR_KW, 6);

        assertThat(body.transformerKw() - body.flex().shedKw()).as("the households and p3's draw: %s", body)
                .isCloseTo(HOUSEHOLDS_KW + CAR_KW, within(1e-9));
    }

    /**
     * One cycle's telemetry: its reading {@code readKw}, 8 s old, the households {@code baseKw} as the cycle took them
     * off it (less what the piles drew in it, each up to what it may draw), and three cars reported drawing
     * {@code carKw} each now, the first two on their 32 A offers, the third allowed {@code p3MayA}.
     */
    private static TelemetryBody telemetry(double readKw, double baseKw, double carKw, double p3MayA) {
        CycleResult result = CycleResultBuilder.result(
                new Allocation(new double[] {OFFER_A, OFFER_A, p3MayA}, new int[] {0, 0, 0}), ControlMode.NORMAL, baseKw)
                .reasons(List.of(PileReason.CHARGING, PileReason.CHARGING, PileReason.CHARGING))
                .mayDrawA(new double[] {OFFER_A, OFFER_A, p3MayA}).householdFigure(HouseholdFigure.MEASURED).build();
        Duration age = Duration.ofSeconds(8);
        TransformerReading reading = new TransformerReading(readKw, NOW.minus(age), age);
        List<PileObservation> piles = List.of(observation(0, true, carKw, 2, NOW).build(),
                observation(1, true, carKw, 2, NOW).build(), observation(2, true, carKw, 2, NOW).build());
        return new TelemetryCalculator(COMPOUND).of(new CycleSeen(NOW, reading, piles, result));
    }
}
