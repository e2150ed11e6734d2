package org.orderly.gateway.app.live;

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
import org.orderly.gateway.core.CompoundFixtures;
import org.orderly.gateway.core.forecast.BaseLoadForecast;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.plan.Plan;
import org.orderly.gateway.core.policy.HouseholdFigure;
import org.orderly.gateway.core.time.TestTicker;
import org.orderly.gateway.core.time.VirtualClock;

/**
 * The households a cycle hands the policy are a bound, not a measurement, where a car's draw is not known to be in the
 * reading: the first report of a pile after a restart came after the meter was read, or the pile does not say its draw.
 * The cycle keeps to the bound (its room is as safe as before); the policy's forecast does not learn it, and a plan made
 * on it is made again at the first cycle whose households are measured. Until 2026-12-06 the forecast learnt the bound
 * (households and the car) and the plan in force kept it for its current slot. Line A of a 66 kW transformer with 40 A
 * lines at 220 V, two single-phase piles on it; the live policy at 23:00 in Beijing, one-second cycles on a test ticker.
 */
class ControlCycleBoundHouseholdsTest {
    private static final double HOUSEHOLDS_A = 20;
    private static final double HOUSEHOLDS_KW = HOUSEHOLDS_A * KW_PER_A_1PH + 4;
    private static final Duration EARLY = Duration.ofMillis(100);
    private static final Duration LATE = Duration.ofMillis(300);

    private final Compound compound = CompoundFixtures.compound().limitKw(66).phaseLimitA(40)
            .pile("a1", Phase.A, null).pile("a2", Phase.A, null).build();
    private final VirtualClock clock = LivePolicyCycle.inTheValley();
    private final TestTicker ticker = new TestTicker(1_000_000_000L);
    private final ControlCycle cycle = LivePolicyCycle.of(compound, clock, ticker);
    /** What the forecast would say had it learnt the households as measured, each cycle's time and figure. */
    private final BaseLoadForecast measured = new BaseLoadForecast(clock.getZone());

    /**
     * One cycle: line A carries the households' 20 A and what the cars draw, read {@code readingAge} ago; car 0 plugged
     * in ({@code plugged0}) draws {@code draw0} (its pile says so: {@code known0}), reported {@code reportAge} ago; car 1
     * plugged in ({@code plugged1}), drawing nothing yet. Then a second on.
     */
    private CycleResult run(boolean plugged0, double draw0, boolean known0, boolean plugged1, Duration readingAge,
                            Duration reportAge) {
        return run(HOUSEHOLDS_A, plugged0, draw0, known0, plugged1, readingAge, reportAge);
    }

    /** As above, with {@code householdsA} of households on line A. */
    private CycleResult run(double householdsA, boolean plugged0, double draw0, boolean known0, boolean plugged1,
                            Duration readingAge, Duration reportAge) {
        double lineAKw = (householdsA + draw0) * KW_PER_A_1PH;
        TransformerReading reading = meterReading(lineAKw + 4, clock.instant(), readingAge)
                .phaseKw(Map.of("power.a.kw", lineAKw, "power.b.kw", 2.0, "power.c.kw", 2.0)).build();
        List<PileObservation> piles = List.of(
                observation(0, plugged0, known0 ? draw0 * KW_PER_A_1PH : 0, 0, clock.instant()).age(reportAge).drawKnown(known0).build(),
                observation(1, plugged1, 0, 0, clock.instant()).age(reportAge).build());
        CycleResult r = cycle.run(reading, piles, List.of());
        clock.advanceSeconds(1);
        ticker.advance(Duration.ofSeconds(1));
        return r;
    }

    /** The households {@code plan} expects in its slot {@code j} had the forecast learnt only what was measured. */
    private double measuredForecast(Plan plan, int j) {
        return measured.expectedKw(Instant.ofEpochSecond((plan.slotStart(j) + plan.slotEnd(j)) / 2));
    }

    @Test
    void aRestartWhoseFirstReportCameAfterTheReadingIsNeitherLearntNorPlannedOnAsMeasured() {
        // The meter read 300 ms ago, the pile's first report 100 ms ago: the car's 16 A may not be in the reading, and
        // the households are taken at the heavier bound, the car's draw theirs.
        CycleResult first = run(true, 16, true, false, LATE, EARLY);
        assertThat(first.baseKw()).as("the cycle's households, the heavier bound")
                .isCloseTo(HOUSEHOLDS_KW + 16 * KW_PER_A_1PH, within(1e-9));

        // A reading after its report: measured.
        Instant at = clock.instant();
        CycleResult second = run(true, 16, true, false, EARLY, LATE);
        measured.observe(at, HOUSEHOLDS_KW);
        assertThat(second.baseKw()).as("the cycle's households").isCloseTo(HOUSEHOLDS_KW, within(1e-9));
        assertThat(second.plan().baseKw(0)).as("the households the plan in force expects now, at the second cycle")
                .isCloseTo(HOUSEHOLDS_KW, within(1e-9));

        // Car 1 comes: a plan, from what the forecast has learnt of this quarter hour.
        at = clock.instant();
        CycleResult third = run(true, 16, true, true, EARLY, LATE);
        measured.observe(at, HOUSEHOLDS_KW);
        assertThat(third.plan().baseKw(0)).as("the households the plan made at car 1's arrival expects now")
                .isCloseTo(HOUSEHOLDS_KW, within(1e-9));
        assertThat(third.plan().baseKw(1)).as("the households it expects in the next quarter hour")
                .isCloseTo(measuredForecast(third.plan(), 1), within(1e-9));
    }

    @Test
    void aRestartBeforeThePilesFirstReportIsNeitherLearntNorPlannedOnAsMeasured() {
        // Car 0 draws 16 A on the last run's lease, its pile not heard from yet: nothing is taken off for it.
        double lineAKw = (HOUSEHOLDS_A + 16) * KW_PER_A_1PH;
        CycleResult first = cycle.run(meterReading(lineAKw + 4, clock.instant(), EARLY)
                .phaseKw(Map.of("power.a.kw", lineAKw, "power.b.kw", 2.0, "power.c.kw", 2.0)).build(),
                List.of(PileObservation.notReported(0, clock.instant()), PileObservation.notReported(1, clock.instant())),
                List.of());
        clock.advanceSeconds(1);
        ticker.advance(Duration.ofSeconds(1));
        assertThat(first.baseKw()).as("the cycle's households, the car's draw theirs")
                .isCloseTo(HOUSEHOLDS_KW + 16 * KW_PER_A_1PH, within(1e-9));

        // Its first report, before the reading: measured, and its session planned for.
        CycleResult second = run(true, 16, true, false, EARLY, LATE);
        assertThat(second.baseKw()).as("the cycle's households").isCloseTo(HOUSEHOLDS_KW, within(1e-9));
        assertThat(second.plan().baseKw(0)).as("the households the plan made for its session expects now")
                .isCloseTo(HOUSEHOLDS_KW, within(1e-9));
    }

    @Test
    void householdsSettledWhileACarsRaiseIsUnderWayAreLearnt() {
        // Households of 20 A, car 0 not come yet: measured, and known from then on.
        Instant at = clock.instant();
        CycleResult last = run(false, 0, true, false, EARLY, LATE);
        measured.observe(at, last.baseKw());
        // Car 0 comes and is raised, its pile saying what it draws, which follows its offer a cycle late: each reading
        // may or may not hold its last raise, and the households, 12 A now, are settled within the two bounds from
        // those known before. With many piles some pile's raise is under way at nearly every reading: such households
        // are learnt as measured, or the forecast would learn next to nothing (for a while on 2026-12-06 they were not).
        double drawA = 0;
        for (int k = 0; k < 8; k++) {
            at = clock.instant();
            last = runWithHouseholds(12, drawA);
            measured.observe(at, last.baseKw());
            drawA = Math.min(16, last.allocation().amps()[0]);
        }
        assertThat(last.baseKw()).as("the last cycle's households").isLessThan(HOUSEHOLDS_KW);
        at = clock.instant();
        CycleResult arrival = runWithHouseholds(12, drawA, true);
        measured.observe(at, arrival.baseKw());
        assertThat(arrival.plan().baseKw(1)).as("the households the plan made at car 1's arrival expects next")
                .isCloseTo(measuredForecast(arrival.plan(), 1), within(1e-9));
    }

    private CycleResult runWithHouseholds(double householdsA, double draw0A) {
        return runWithHouseholds(householdsA, draw0A, false);
    }

    /** As {@link #run}, car 0 plugged in and saying its draw, with {@code householdsA} on line A. */
    private CycleResult runWithHouseholds(double householdsA, double draw0A, boolean plugged1) {
        return run(householdsA, true, draw0A, true, plugged1, EARLY, LATE);
    }

    @Test
    void aCarOnAPileThatDoesNotSayItsDrawIsNotLearntAsTheHouseholds() {
        // Car 0 has not come yet, then has come and draws nothing of the nothing it was offered: measured.
        Instant at = clock.instant();
        run(false, 0, false, false, EARLY, LATE);
        measured.observe(at, HOUSEHOLDS_KW);
        at = clock.instant();
        CycleResult last = run(true, 0, false, false, EARLY, LATE);
        measured.observe(at, HOUSEHOLDS_KW);
        assertThat(last.householdFigure()).as("the result says the figure the policy was told")
                .isEqualTo(HouseholdFigure.MEASURED);
        // Then it draws what the last cycle offered it, up to its 16 A, its pile not saying so: the cycle counts it as
        // the households' (its raise counted twice in the room, SilentOffers, it settles on half the room they leave).
        for (int k = 0; k < 10; k++) {
            double drawA = Math.min(16, last.allocation().amps()[0]);
            last = run(true, drawA, false, false, EARLY, LATE);
            assertThat(last.baseKw()).as("the cycle's households at cycle %d, the car's %s A theirs", k + 3, drawA)
                    .isCloseTo(HOUSEHOLDS_KW + drawA * KW_PER_A_1PH, within(1e-9));
            assertThat(last.householdFigure()).as("a bound at cycle %d, said in the result", k + 3)
                    .isEqualTo(HouseholdFigure.BOUND);
        }
        // Car 1 comes: a plan. Its current slot is planned at the bound the cycle keeps to; the forecast for later has
        // learnt only the measured households.
        double drawA = Math.min(16, last.allocation().amps()[0]);
        assertThat(drawA).as("car 0's draw").isPositive();
        CycleResult arrival = run(true, drawA, false, true, EARLY, LATE);
        assertThat(arrival.plan().baseKw(0)).as("the households the plan made at car 1's arrival expects now")
                .isCloseTo(HOUSEHOLDS_KW + drawA * KW_PER_A_1PH, within(1e-9));
        assertThat(arrival.plan().baseKw(1)).as("the households it expects in the next quarter hour")
                .isCloseTo(measuredForecast(arrival.plan(), 1), within(1e-9));
    }
}
