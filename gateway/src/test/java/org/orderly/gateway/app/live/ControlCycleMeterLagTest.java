package org.orderly.gateway.app.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.orderly.gateway.app.live.ObservationBuilder.observation;
import static org.orderly.gateway.app.live.ReadingBuilder.meterReading;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleFunction;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.CompoundFixtures;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.policy.EqualSharePolicy;
import org.orderly.gateway.core.time.TestTicker;
import org.orderly.gateway.core.time.VirtualClock;

/**
 * A pile's report can be newer than the meter's reading: a car that has just begun to draw says so at once, while the
 * transformer meter was read before it began. Its draw is not yet in that reading, so taking it off would make the
 * households look lighter by it and hand it out twice. Seen live (LineLimitLiveTest, 2026-12-02): households 30 A on a
 * 40 A line, the pile given 10 A, then 20 A the next cycle, when its report of 10 A came before a meter reading that
 * held it. A 66 kW transformer with 100 A lines at 220 V (22 kW a line) and one single-phase pile on line A.
 */
class ControlCycleMeterLagTest {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final double VOLTS = CompoundFixtures.VOLTS;

    private final Compound compound = CompoundFixtures.compound().limitKw(66).phaseLimitA(100)
            .pile("a1", Phase.A, null).build();
    private final VirtualClock clock = new VirtualClock(Instant.parse("2026-01-13T15:00:00Z"), ZONE);
    private final TestTicker ticker = new TestTicker();
    private final ControlCycle cycle = CycleBuilder.cycle(compound, new EqualSharePolicy(compound), clock, 8.0).ticker(ticker).build();

    private void advanceMillis(long ms) {
        clock.set(clock.instant().plusMillis(ms));
        ticker.advance(Duration.ofMillis(ms));
    }

    /** Line A carrying {@code aKw}, 2 kW on B and C, read {@code age} ago. */
    private TransformerReading reading(double aKw, Duration age) {
        return meterReading(aKw + 4, clock.instant(), age).phaseKw(Map.of("power.a.kw", aKw, "power.b.kw", 2.0, "power.c.kw", 2.0)).build();
    }

    private List<PileObservation> drawing(double kw) {
        return drawing(kw, Duration.ZERO);
    }

    /** The car drawing {@code kw}, as its pile reported {@code age} ago. */
    private List<PileObservation> drawing(double kw, Duration age) {
        return List.of(observation(0, true, kw, 0, clock.instant()).age(age).build());
    }

    @Test
    void aDrawReportedAfterTheMeterWasReadIsNotTakenOffThatReading() {
        // Households 20 kW on line A (90.9 A): 9.1 A left for the pile.
        CycleResult first = cycle.run(reading(20, Duration.ZERO), drawing(0), List.of());
        double givenA = first.allocation().amps()[0];
        assertThat(givenA).isPositive().isLessThanOrEqualTo(100 - 20_000 / VOLTS + 1e-6);

        // A second on, the car draws what it was given and says so now; the meter was last read 800 ms ago, before the
        // car began: line A still 20 kW.
        advanceMillis(1000);
        CycleResult r = cycle.run(reading(20, Duration.ofMillis(800)), drawing(compound.kw(0, givenA)), List.of());

        assertThat(r.allocation().amps()[0]).as("the pile, its draw not yet in the meter's line A")
                .isLessThanOrEqualTo(100 - 20_000 / VOLTS + 1e-6);
    }

    @Test
    void aDrawReportedBeforeTheMeterWasReadIsTakenOffAsBefore() {
        CycleResult first = cycle.run(reading(20, Duration.ZERO), drawing(0), List.of());
        double givenKw = compound.kw(0, first.allocation().amps()[0]);
        advanceMillis(1000);
        cycle.run(reading(20, Duration.ofMillis(800)), drawing(givenKw), List.of());

        // The meter has caught up: read after the car's report, line A holds the households and the car.
        advanceMillis(1000);
        CycleResult r = cycle.run(reading(20 + givenKw, Duration.ofMillis(100)), drawing(givenKw), List.of());

        assertThat(r.baseKw()).as("households: the meter's total less the car's draw").isCloseTo(24, within(1e-9));
        assertThat(r.allocation().amps()[0]).as("the car keeps what it draws").isCloseTo(first.allocation().amps()[0],
                within(1e-6));
    }

    /**
     * Households 20 kW on line A, the pile given its room; a second on, the meter (read 100 ms ago) holds the car's step
     * to what it was given, and the pile says {@code report} (from what it was given, in kW): line A's households are
     * as last known, and the pile keeps what it was given.
     */
    private void keepsItsOfferWhenTheReadingHoldsItsStep(ControlCycle cycle,
                                                         DoubleFunction<List<PileObservation>> report) {
        CycleResult first = cycle.run(reading(20, Duration.ZERO), drawing(0), List.of());
        double givenA = first.allocation().amps()[0];
        double givenKw = compound.kw(0, givenA);
        advanceMillis(1000);

        CycleResult r = cycle.run(reading(20 + givenKw, Duration.ofMillis(100)), report.apply(givenKw), List.of());

        assertThat(givenA).isPositive();
        assertThat(r.householdLines().orElseThrow().kw(0)).as("line A's households, as last known").isCloseTo(20,
                within(1e-9));
        assertThat(r.allocation().amps()[0]).as("the pile keeps what it was given").isCloseTo(givenA, within(1e-6));
    }

    @Test
    void aStepTheReadingHoldsThoughReportedAfterItDoesNotCutThePileThatStepped() {
        // Seen live (LineLimitLiveTest's rig, logged cycle by cycle, 2026-12-02): a car began to draw its 32 A before the meter was read,
        // and its pile's report came after; left on the households, its own step took its line's room, the pile was cut below
        // its least current and paused for the settle time (30 s) for room it had taken itself.
        keepsItsOfferWhenTheReadingHoldsItsStep(cycle, givenKw -> drawing(givenKw));
    }

    @Test
    void aCutFollowedAfterTheMeterWasReadIsNotTakenForTheHouseholds() {
        // Seen live (GridCapHonestyLiveTest, 2026-12-06): a cap's first cycle cut three cars from 32 A to 8 A; the meter
        // was read with two of them still drawing their old current, their piles' reports of the new one came after,
        // and the next cycle took only the new draws off that reading: the households 14.48 kW, not 8.8, over the
        // 14.08 kW cap, so every car was stopped and waited out its settle time (30 s).
        // Households 10 kW on line A: the pile has its 32 A.
        cycle.run(reading(10, Duration.ZERO), drawing(0), List.of());
        advanceMillis(1000);
        CycleResult full = cycle.run(reading(10 + compound.kw(0, 32), Duration.ofMillis(100)), drawing(compound.kw(0, 32)),
                List.of());
        assertThat(full.allocation().amps()[0]).isCloseTo(32, within(1e-6));
        // The households rise to 18 kW on line A (81.8 A): the pile is cut to the 18.2 A left.
        advanceMillis(1000);
        CycleResult cut = cycle.run(reading(18 + compound.kw(0, 32), Duration.ofMillis(100)),
                drawing(compound.kw(0, 32), Duration.ofMillis(300)), List.of());
        double cutA = cut.allocation().amps()[0];
        assertThat(cutA).isBetween(6.0, 100 - 18_000 / VOLTS + 1e-6);

        // The meter was read 600 ms ago, with the car still at 32 A; the pile's report of its follow came 100 ms ago.
        advanceMillis(1000);
        CycleResult r = cycle.run(reading(18 + compound.kw(0, 32), Duration.ofMillis(600)),
                drawing(compound.kw(0, cutA), Duration.ofMillis(100)), List.of());

        assertThat(r.householdLines().orElseThrow().kw(0)).as("line A's households, as last known").isCloseTo(18,
                within(1e-9));
        assertThat(r.allocation().amps()[0]).as("the pile keeps what it was cut to").isCloseTo(cutA, within(1e-6));
    }

    @Test
    void aRiseOfTheHouseholdsBeyondTheStepAReadingMayHoldIsTheirs() {
        CycleResult first = cycle.run(reading(20, Duration.ZERO), drawing(0), List.of());
        double givenKw = compound.kw(0, first.allocation().amps()[0]);
        advanceMillis(1000);

        // Line A rose by the car's step and 1.5 kW more: whether or not the reading holds the step, the households
        // rose by at least 1.5 kW.
        CycleResult r = cycle.run(reading(20 + givenKw + 1.5, Duration.ofMillis(100)), drawing(givenKw), List.of());

        assertThat(r.householdLines().orElseThrow().kw(0)).as("line A's households").isCloseTo(21.5, within(1e-9));
        assertThat(r.baseKw()).isCloseTo(25.5, within(1e-9));
        assertThat(r.allocation().amps()[0]).as("the pile, within what line A has left")
                .isLessThanOrEqualTo(100 - 21_500 / VOLTS + 1e-6);
    }

    @Test
    void aReadingIsMatchedWithTheReportsOnTheTickerNotOnASpedUpWorldsTime() {
        // A demo at 60x: the reading's age is the world's (1.2 s), its time on the ticker 20 ms. The car's report of
        // its draw came 500 ms ago, before the meter was read: the reading holds that draw, which is taken off.
        CycleResult first = cycle.run(reading(20, Duration.ZERO), drawing(0), List.of());
        double givenKw = compound.kw(0, first.allocation().amps()[0]);
        advanceMillis(1000);
        TransformerReading world = reading(20 + givenKw, Duration.ofMillis(1200));
        TransformerReading sped = new TransformerReading(world.totalKw(), world.readAt(), world.age(), world.phaseKw(),
                world.lines(), world.phaseA(), Duration.ofMillis(20));
        List<PileObservation> cameBefore = List.of(observation(0, true, givenKw, 0, clock.instant()).pluggedAt(java.util.Optional.empty())
                .age(Duration.ofMillis(500)).build());

        CycleResult r = cycle.run(sped, cameBefore, List.of());

        assertThat(r.baseKw()).as("households: the meter's total less the car's draw").isCloseTo(24, within(1e-9));
    }

    @Test
    void aCarDrawingSteadilyIsTakenOffAReadingOlderThanItsLastEightReports() {
        // A 200 ms control period: the car has drawn the same, within a few hundredths of a kW of meter noise, for
        // twelve reports; then the meter's reading is 2 s old (within its 5 s staleness), from ten reports back, and
        // holds that same draw.
        CycleResult first = cycle.run(reading(20, Duration.ZERO), drawing(0), List.of());
        double givenKw = compound.kw(0, first.allocation().amps()[0]);
        for (int i = 0; i < 12; i++) {
            advanceMillis(200);
            cycle.run(reading(20 + givenKw, Duration.ZERO), drawing(givenKw - (i % 2) * 0.05), List.of());
        }
        advanceMillis(200);
        CycleResult r = cycle.run(reading(20 + givenKw, Duration.ofMillis(2000)), drawing(givenKw), List.of());

        // Taken off: its least draw (0.05 kW less), or what it was last allowed where that is less; not left on the
        // households (25.98 kW) as when the last eight reports were all that was kept.
        assertThat(r.baseKw()).as("households: the meter's total less the car's steady draw").isBetween(24.0, 24.05 + 1e-9);
    }

    /**
     * A raise the meter may have seen before the pile said so ({@link UnseenRises}): the pile's report came before its
     * car took the current it was given, and the meter was read after. The live policy, which opens such a rise for its
     * cars' follow time (5 s), at 23:00 in Beijing, the valley (it charges at once).
     */
    @Nested
    class RaisesNotYetReported {
        private final ControlCycle cycle = LivePolicyCycle.of(compound, clock, ticker);

        @Test
        void aRaiseTheReadingMayHoldBeforeThePileSaysSoDoesNotCutThePile() {
            // Seen live (LineLimitLiveTest's rig, 2026-12-02): the pile's report came before the car took its raise, the meter
            // was read after; the car's rise, left on the households, cut it every other cycle.
            keepsItsOfferWhenTheReadingHoldsItsStep(cycle, givenKw -> drawing(0, Duration.ofMillis(300)));
        }

        @Test
        void aReadingTakenBeforeTheRaiseIsNotTakenToHoldIt() {
            CycleResult first = cycle.run(reading(20, Duration.ZERO), drawing(0), List.of());
            advanceMillis(1000);

            // Read 1.2 s ago, before the last cycle gave the pile its current: line A's rise of 2 kW is the households'.
            CycleResult r = cycle.run(reading(22, Duration.ofMillis(1200)), drawing(0, Duration.ofMillis(1300)), List.of());

            assertThat(first.allocation().amps()[0]).isPositive();
            assertThat(r.householdLines().orElseThrow().kw(0)).as("line A's households").isCloseTo(22, within(1e-9));
        }

        @Test
        void aRaiseTheCarDoesNotTakeIsNoLongerAPossibleRiseAfterItsFollowTime() {
            CycleResult first = cycle.run(reading(20, Duration.ZERO), drawing(0), List.of());
            double givenA = first.allocation().amps()[0];
            // The car is full: it draws nothing, and its pile says so each second, just before each reading.
            for (int i = 0; i < 6; i++) {
                advanceMillis(1000);
                cycle.run(reading(20, Duration.ofMillis(100)), drawing(0, Duration.ofMillis(300)), List.of());
            }
            advanceMillis(1000);

            CycleResult r = cycle.run(reading(22, Duration.ofMillis(100)), drawing(0, Duration.ofMillis(300)), List.of());

            assertThat(givenA).isPositive();
            assertThat(r.householdLines().orElseThrow().kw(0)).as("line A's households, risen by 2 kW").isCloseTo(22,
                    within(1e-9));
        }

        @Test
        void aPileThatDoesNotSayItsDrawHasNoRiseTakenForIt() {
            CycleResult first = cycle.run(reading(20, Duration.ZERO), drawing(0), List.of());
            double givenKw = compound.kw(0, first.allocation().amps()[0]);
            advanceMillis(1000);

            // Its car's draw counts as the households' (nothing of it is known to take off), before a raise and after.
            CycleResult r = cycle.run(reading(20 + givenKw, Duration.ofMillis(100)), List.of(observation(0, true, 0, 0, clock.instant())
                    .age(Duration.ofMillis(300)).drawKnown(false).build()), List.of());

            assertThat(r.householdLines().orElseThrow().kw(0)).as("line A's households").isCloseTo(20 + givenKw,
                    within(1e-9));
        }
    }

    /**
     * A draw measured by the pile's bus meter ({@code meters.piles[]}) is matched with the transformer reading by the
     * meter reading's time ({@link PileObservation#drawAt()}, {@link PileObservation#drawAge()}), not by the pile's
     * report's: a bridge reports every few seconds, and a Modbus pile is read each period while its meter is read
     * round-robin, so the two are up to seconds apart. Until 2026-12-04 it went by the report's: a car's rise the meter
     * saw after the transformer was read was taken off that reading, and a rise the transformer saw after the meter was
     * read was left on the households.
     */
    @Nested
    class DrawsMeasuredByAPileMeter {
        /** The pile's report came {@code reportAge} ago; its meter read the car drawing {@code kw} {@code drawAge} ago. */
        private List<PileObservation> metered(double kw, Duration reportAge, Duration drawAge) {
            Instant now = clock.instant();
            return List.of(observation(0, true, kw, 0, now.minus(reportAge)).age(reportAge).drawAt(now.minus(drawAge), drawAge).build());
        }

        @Test
        void aRiseTheMeterReadAfterTheTransformerIsNotTakenOffItsReadingThoughThePileReportedBefore() {
            ControlCycle cycle = CycleBuilder.cycle(compound, new EqualSharePolicy(compound), clock, 8.0).ticker(ticker).build();
            // Households 20 kW on line A (90.9 A): 9.1 A left for the pile, a bridge whose own meter is silent.
            CycleResult first = cycle.run(reading(20, Duration.ZERO), metered(0, Duration.ZERO, Duration.ZERO), List.of());
            double givenA = first.allocation().amps()[0];
            assertThat(givenA).isPositive().isLessThanOrEqualTo(100 - 20_000 / VOLTS + 1e-6);

            // A second on, the bridge has not reported again (its report is a second old), its bus meter read the car
            // drawing what it was given 100 ms ago, and the transformer was read 800 ms ago, before the car began.
            advanceMillis(1000);
            CycleResult r = cycle.run(reading(20, Duration.ofMillis(800)),
                    metered(compound.kw(0, givenA), Duration.ofMillis(1000), Duration.ofMillis(100)), List.of());

            assertThat(r.allocation().amps()[0]).as("the pile, its draw not yet in the transformer's line A")
                    .isLessThanOrEqualTo(100 - 20_000 / VOLTS + 1e-6);
        }

        @Test
        void aRiseTheTransformerMayHoldAfterTheMeterWasReadDoesNotCutThePileThoughThePileReportedAfter() {
            // The live policy, which opens a raise's possible rise for its cars' follow time (5 s), at 23:00 in Beijing.
            ControlCycle cycle = LivePolicyCycle.of(compound, clock, ticker);
            CycleResult first = cycle.run(reading(20, Duration.ZERO), metered(0, Duration.ZERO, Duration.ZERO), List.of());
            double givenA = first.allocation().amps()[0];
            double givenKw = compound.kw(0, givenA);
            advanceMillis(1000);

            // A Modbus pile without a power register, read just now; its meter was last read 300 ms ago, before the car
            // took its raise, and the transformer 100 ms ago, after: line A holds the car's rise.
            CycleResult r = cycle.run(reading(20 + givenKw, Duration.ofMillis(100)),
                    metered(0, Duration.ZERO, Duration.ofMillis(300)), List.of());

            assertThat(givenA).isPositive();
            assertThat(r.householdLines().orElseThrow().kw(0)).as("line A's households, as last known").isCloseTo(20,
                    within(1e-9));
            assertThat(r.allocation().amps()[0]).as("the pile keeps what it was given").isCloseTo(givenA, within(1e-6));
        }
    }
}
