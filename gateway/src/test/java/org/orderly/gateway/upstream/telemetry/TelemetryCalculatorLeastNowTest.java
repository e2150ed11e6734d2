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
 * The least total a cap reply's {@code leastKw} and {@code meetable} go by, while the cycle's reading (8 s old here)
 * lags the piles' reports: of now, the households as the reading gave them and each pile's draw as it is now. Until
 * 2026-12-07 it was {@code transformerKw - flex.shedKw}, of the reading's moment: a car that does not follow its offer
 * and began to draw after the reading was not in it (a cap said meetable that the cycle could not meet), and cars the
 * cycle cut since were in it as they drew then (a cap said not meetable that the cycle met by pausing them). Three
 * single-phase piles, households 8.80 kW.
 */
class TelemetryCalculatorLeastNowTest {

    @Test
    void aCarNotFollowingThatBeganAfterTheReadingIsInTheLeastTotal() {
        // p1 and p2 draw their 32 A offers, in the reading too; p3, offered nothing, began to draw 5.40 kW after it.
        Seen seen = new Seen(HOUSEHOLDS_KW + 2 * CAR_KW, HOUSEHOLDS_KW, new double[] {OFFER_A, OFFER_A, 0},
                new double[] {CAR_KW, CAR_KW, 0}, new double[] {CAR_KW, CAR_KW, CAR_KW});
        TelemetryBody body = seen.telemetry();
        CapReach reach = CapReach.of(body, null, NOW, NOW.plusSeconds(60));

        assertThat(body.baseKw()).as("the households, of the reading's moment").isCloseTo(HOUSEHOLDS_KW, within(1e-9));
        assertThat(body.flex().shedKw()).as("p1 and p2: %s", body).isCloseTo(2 * CAR_KW, within(1e-9));
        assertThat(reach.leastKw()).as("the households and p3's draw, which no offer sheds: %s", body)
                .isCloseTo(HOUSEHOLDS_KW + CAR_KW, within(1e-9));
        assertThat(reach.meetable(HOUSEHOLDS_KW + 1)).as("a cap below the households and p3").isFalse();
        assertThat(reach.meetable(HOUSEHOLDS_KW + CAR_KW)).isTrue();
    }

    @Test
    void carsTheCycleCutSinceTheReadingAreNotInTheLeastTotal() {
        // A cap's cycle cut the three cars to nothing; they follow (0 kW now), and the reading, from before, holds their
        // 5.40 kW each, which the cycle took off it as the draws it held.
        Seen seen = new Seen(HOUSEHOLDS_KW + 3 * CAR_KW, HOUSEHOLDS_KW, new double[] {0, 0, 0},
                new double[] {CAR_KW, CAR_KW, CAR_KW}, new double[] {0, 0, 0});
        CapReach reach = CapReach.of(seen.telemetry(), null, NOW, NOW.plusSeconds(60));

        assertThat(reach.leastKw()).as("the households alone: %s", reach).isCloseTo(HOUSEHOLDS_KW, within(1e-9));
        assertThat(reach.meetable(HOUSEHOLDS_KW + 0.5)).as("a cap the cycle meets with the cars paused").isTrue();
        assertThat(reach.shortKw(HOUSEHOLDS_KW + 0.5)).isZero();
    }

    @Test
    void aCarNotFollowingSteadilyIsCountedOnce() {
        // p3, allowed 6 A (1.32 kW), draws 5.40 kW, in the reading as now: the cycle counts 4.08 kW of it as the
        // households'.
        double mayKw = 6 * CompoundFixtures.KW_PER_A_1PH;
        Seen seen = new Seen(HOUSEHOLDS_KW + CAR_KW, HOUSEHOLDS_KW + CAR_KW - mayKw, new double[] {OFFER_A, OFFER_A, 6},
                new double[] {0, 0, CAR_KW}, new double[] {0, 0, CAR_KW});

        assertThat(seen.telemetry().flex().leastKw()).isCloseTo(HOUSEHOLDS_KW + CAR_KW, within(1e-9));
    }

    @Test
    void theHouseholdsHoldNoMoreOfACarNotFollowingThanTheyAre() {
        // p3, allowed 6 A (1.32 kW), drew 5.40 kW in the reading; the households the cycle took are 1 kW, less than the
        // 4.08 kW it did not take off: they hold no more than that 1 kW of it.
        Seen seen = new Seen(CAR_KW + 1, 1, new double[] {OFFER_A, OFFER_A, 6},
                new double[] {0, 0, CAR_KW}, new double[] {0, 0, CAR_KW});

        assertThat(seen.telemetry().flex().leastKw()).isCloseTo(CAR_KW, within(1e-9));
    }

    @Test
    void aCarNotFollowingThatStoppedSinceTheReadingErrsHighUntilAReadingHoldsTheStop() {
        // p3, offered nothing, drew 5.40 kW in the reading and draws nothing now, which is following: what the cycle's
        // households hold of that draw is not told apart from a cut car's, and stays in them (never low, LeastTotal).
        Seen seen = new Seen(HOUSEHOLDS_KW + CAR_KW, HOUSEHOLDS_KW + CAR_KW, new double[] {OFFER_A, OFFER_A, 0},
                new double[] {0, 0, CAR_KW}, new double[] {0, 0, 0});

        assertThat(seen.telemetry().flex().leastKw()).isBetween(HOUSEHOLDS_KW, HOUSEHOLDS_KW + CAR_KW + 1e-9);
    }

    @Test
    void anOfflinePileIsInTheLeastTotalAsTheReadingHeldIt() {
        // p3 offline: the cycle counts its draw in the reading (5.40 kW) as the households', and nothing is known of now:
        // its last report, twice that, is not counted (taken as heard, the least total would be 19.6 kW).
        Seen seen = new Seen(HOUSEHOLDS_KW + CAR_KW, HOUSEHOLDS_KW + CAR_KW, new double[] {OFFER_A, OFFER_A, 0},
                new double[] {0, 0, 0}, new double[] {0, 0, 2 * CAR_KW}).offline(2);

        TelemetryBody body = seen.telemetry();
        assertThat(body.flex().leastKw()).as("%s", body).isCloseTo(HOUSEHOLDS_KW + CAR_KW, within(1e-9));
        assertThat(body.flex().leastKw()).isCloseTo(body.transformerKw() - body.flex().shedKw(), within(1e-9));
    }

    @Test
    void withoutAReadingTheLeastTotalIsNotKnown() {
        Seen seen = new Seen(Double.NaN, Double.NaN, new double[] {OFFER_A, OFFER_A, 0},
                new double[] {0, 0, 0}, new double[] {CAR_KW, 0, 0});

        TelemetryBody body = seen.telemetry();
        assertThat(body.flex().leastKw()).as("%s", body).isNull();
        assertThat(CapReach.of(body, null, NOW, NOW.plusSeconds(60)).meetable(HOUSEHOLDS_KW)).isNull();
    }

    /**
     * One cycle: its reading {@code readKw} (NaN: none), 8 s old, the households {@code baseKw} the cycle took off it,
     * each pile allowed {@code mayA}, what the cycle took the reading to hold of each pile's draw ({@code thenKw}) and
     * what each reports drawing now ({@code nowKw}). It says nothing of what the cycle took off for each pile: taken as
     * what it may draw, as the heavy bound takes it (a real cycle's say: TelemetryCalculatorLeastFromTheCycleTest).
     */
    private record Seen(double readKw, double baseKw, double[] mayA, double[] thenKw, double[] nowKw, int offline) {
        Seen(double readKw, double baseKw, double[] mayA, double[] thenKw, double[] nowKw) {
            this(readKw, baseKw, mayA, thenKw, nowKw, -1);
        }

        Seen offline(int pile) {
            return new Seen(readKw, baseKw, mayA, thenKw, nowKw, pile);
        }

        TelemetryBody telemetry() {
            boolean read = !Double.isNaN(readKw);
            List<PileReason> reasons = List.of(reason(0), reason(1), reason(2));
            CycleResult result = CycleResultBuilder.result(new Allocation(mayA.clone(), new int[] {0, 0, 0}),
                    read ? ControlMode.NORMAL : ControlMode.CONSERVATIVE, baseKw).reasons(reasons).mayDrawA(mayA.clone())
                    .householdFigure(read ? HouseholdFigure.MEASURED : null).inTheReadingKw(read ? thenKw.clone() : null)
                    .build();
            Duration age = Duration.ofSeconds(8);
            TransformerReading reading = read ? new TransformerReading(readKw, NOW.minus(age), age) : null;
            List<PileObservation> piles = List.of(observation(0, true, nowKw[0], 2, NOW).build(),
                    observation(1, true, nowKw[1], 2, NOW).build(), observation(2, true, nowKw[2], 2, NOW).build());
            return new TelemetryCalculator(COMPOUND).of(new CycleSeen(NOW, reading, piles, result));
        }

        private PileReason reason(int pile) {
            return pile == offline ? PileReason.PILE_OFFLINE : PileReason.CHARGING;
        }
    }
}
