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
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.CompoundFixtures;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.policy.EqualSharePolicy;
import org.orderly.gateway.core.policy.PileReason;
import org.orderly.gateway.core.time.TestTicker;
import org.orderly.gateway.core.time.VirtualClock;

/**
 * A 66 kW transformer with 100 A lines at 220 V (22 kW a line) and two single-phase piles on line A. The households
 * load line A far more than B and C: the meter reads each line's power, and the piles on line A must be held to what
 * line A has left, not to a third of the households' total.
 */
class ControlCycleLineTest {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final double VOLTS = CompoundFixtures.VOLTS;

    private final Compound compound = CompoundFixtures.compound().limitKw(66).phaseLimitA(100)
            .pile("a1", Phase.A, null).pile("a2", Phase.A, null).build();
    private final VirtualClock clock = new VirtualClock(Instant.parse("2026-01-13T15:00:00Z"), ZONE);
    /** The cycle's elapsed time, moved with the clock by {@link #advance}. */
    private final TestTicker ticker = new TestTicker();
    private final ControlCycle cycle = CycleBuilder.cycle(compound, new EqualSharePolicy(compound), clock, 8.0).ticker(ticker).build();

    private void advance(int seconds) {
        clock.advanceSeconds(seconds);
        ticker.advance(Duration.ofSeconds(seconds));
    }

    private TransformerReading reading(double aKw, double bKw, double cKw) {
        return meterReading(aKw + bKw + cKw, clock.instant(), Duration.ZERO)
                .phaseKw(Map.of("power.a.kw", aKw, "power.b.kw", bKw, "power.c.kw", cKw)).build();
    }

    private List<PileObservation> drawing(double kwEach) {
        return List.of(observation(0, true, kwEach, 0, clock.instant()).build(),
                observation(1, true, kwEach, 0, clock.instant()).build());
    }

    /** Line A's current: the households' on it plus the piles'. */
    private static double lineAmps(double householdKw, CycleResult r) {
        return householdKw * 1000 / VOLTS + r.allocation().amps()[0] + r.allocation().amps()[1];
    }

    @Test
    void thePilesOnTheHeavilyLoadedLineAreHeldToThatLinesLimit() {
        // Households: 20 kW on A, 2 kW each on B and C. Line A has 22 - 20 = 2 kW (9.1 A) left, not 22 - 24 / 3.
        CycleResult r = cycle.run(reading(20, 2, 2), drawing(0), List.of());

        assertThat(r.mode()).isEqualTo(ControlMode.NORMAL);
        assertThat(lineAmps(20, r)).as("line A's current, households' and piles'").isLessThanOrEqualTo(100 + 1e-6);
    }

    @Test
    void whatThePilesOnALineDrawIsTakenOffThatLinesPowerAlone() {
        CycleResult first = cycle.run(reading(15, 2, 2), drawing(0), List.of());
        clock.advanceSeconds(1);
        double eachKw = compound.kw(0, first.allocation().amps()[0]);
        assertThat(first.allocation().amps()[1]).isEqualTo(first.allocation().amps()[0]);

        // The cars draw what they were given: the meter's line A carries it on top of the households' 15 kW.
        CycleResult r = cycle.run(reading(15 + 2 * eachKw, 2, 2), drawing(eachKw), List.of());

        assertThat(r.baseKw()).isCloseTo(19, within(1e-9));
        assertThat(lineAmps(15, r)).as("line A's current, households' and piles'").isLessThanOrEqualTo(100 + 1e-6);
        assertThat(lineAmps(15, r)).as("line A is used, not left idle").isGreaterThan(95);
    }

    @Test
    void aMeterReadingOnlyTheLinesCurrentsHoldsThePilesToTheLoadedLineAlike() {
        // 90.9 A on line A is 20 kW at 220 V; 9.1 A on B and C.
        Map<String, Double> amps = Map.of("current.a.a", 20_000 / VOLTS, "current.b.a", 2_000 / VOLTS,
                "current.c.a", 2_000 / VOLTS);
        MeterLines lines = LineSource.CURRENT.lines(q -> amps.containsKey(q) ? OptionalDouble.of(amps.get(q))
                : OptionalDouble.empty(), VOLTS);
        CycleResult r = cycle.run(meterReading(24, clock.instant(), Duration.ZERO).phaseKw(Map.of()).lines(lines).build(),
                drawing(0), List.of());

        assertThat(r.mode()).isEqualTo(ControlMode.NORMAL);
        assertThat(lineAmps(20, r)).as("line A's current, households' and piles'").isLessThanOrEqualTo(100 + 1e-6);
    }

    @Test
    void aReadingThatLacksALineItsMapReadsIsDistrustedNotTakenAsNothingOnThatLine() {
        // Line A's power did not come this time: taken as 0 (or as a third of the total) it would leave line A open.
        CycleResult r = cycle.run(meterReading(24, clock.instant(), Duration.ZERO).phaseKw(Map.of("power.b.kw", 2.0, "power.c.kw", 2.0))
                .build(), drawing(0), List.of());

        assertThat(r.mode()).isEqualTo(ControlMode.CONSERVATIVE);
        // Said in the result, for the page's card to say why: the reading is recent, not stale (until 2026-12-07 the
        // card said it stale).
        assertThat(r.linesMissing()).as("the line the reading lacked").isEqualTo(new MeterLines.Missing("power.a.kw"));
        assertThat(r.reasons()).containsExactly(PileReason.METER_STALE, PileReason.METER_STALE);
        double evKw = compound.kw(0, r.allocation().amps()[0]) + compound.kw(1, r.allocation().amps()[1]);
        assertThat(evKw).as("only the safe EV power").isLessThanOrEqualTo(8 + 1e-9);
    }

    @Test
    void aReadingThatLacksALineGoesOnFromTheLastWholeOneForAsLongAsAReadingStaysFresh() {
        // A DL/T 645 meter's lines are read frame by frame, and one lost frame publishes a reading without that line.
        // Within the staleness (5 s here) the lines of the last whole reading stand, with any rise of the total since
        // put on every line; the compound is not sent to the safe power for one lost frame.
        cycle.run(reading(15, 2, 2), drawing(0), List.of());
        advance(1);
        CycleResult r = cycle.run(meterReading(20, clock.instant(), Duration.ZERO).phaseKw(Map.of("power.b.kw", 2.0, "power.c.kw", 2.0))
                .build(), drawing(0), List.of());
        assertThat(r.mode()).isEqualTo(ControlMode.NORMAL);
        assertThat(r.linesMissing()).as("a line the cycle goes on from the last whole reading for").isNull();
        assertThat(lineAmps(15 + 1, r)).as("line A as last read, and the 1 kW the total rose").isLessThanOrEqualTo(100 + 1e-6);
        assertThat(r.allocation().amps()[0]).as("line A's room is used").isPositive();

        // 6 s after the last whole reading, more than a reading may be old: its lines no longer stand.
        advance(5);
        r = cycle.run(meterReading(20, clock.instant(), Duration.ZERO).phaseKw(Map.of("power.b.kw", 2.0, "power.c.kw", 2.0))
                .build(), drawing(0), List.of());
        assertThat(r.mode()).isEqualTo(ControlMode.CONSERVATIVE);
        assertThat(r.linesMissing()).isEqualTo(new MeterLines.Missing("power.a.kw"));
    }

    @Test
    void aReadingThatLacksALineIsTrustedWhereNoLineHasALimit() {
        Compound noLineLimit = CompoundFixtures.compound().limitKw(66).pile("a1", Phase.A, null)
                .pile("a2", Phase.A, null).build();
        ControlCycle c = CycleBuilder.cycle(noLineLimit, new EqualSharePolicy(noLineLimit), clock, 8.0).build();

        CycleResult r = c.run(meterReading(24, clock.instant(), Duration.ZERO).phaseKw(Map.of("power.b.kw", 2.0, "power.c.kw", 2.0))
                .build(), drawing(0), List.of());

        assertThat(r.mode()).isEqualTo(ControlMode.NORMAL);
        assertThat(r.allocation().amps()).containsExactly(32, 32);
    }

    @Test
    void aMeterReadingNoLineSplitsTheHouseholdsEvenlyAsBefore() {
        CycleResult r = cycle.run(new TransformerReading(24, clock.instant(), Duration.ZERO), drawing(0), List.of());

        assertThat(r.mode()).isEqualTo(ControlMode.NORMAL);
        assertThat(r.householdLines()).isEmpty();
        // 22 kW less a third of 24 kW leaves 14 kW on line A: 31.8 A for each pile.
        assertThat(r.allocation().amps()[0] + r.allocation().amps()[1]).isCloseTo(14_000 / VOLTS,
                within(0.2));
    }

    @Test
    void aThreePhasePileIsTakenOffEachLineAThird() {
        Compound mixed = CompoundFixtures.compound().limitKw(66).phaseLimitA(100)
                .pile("a1", Phase.A, null).pile("abc", Phase.ABC, null).build();
        ControlCycle c = CycleBuilder.cycle(mixed, new EqualSharePolicy(mixed), clock, 8.0).build();
        CycleResult first = c.run(reading(10, 4, 4), drawing(0), List.of());
        clock.advanceSeconds(1);
        double aKw = mixed.kw(0, first.allocation().amps()[0]);
        double abcKw = mixed.kw(1, first.allocation().amps()[1]);

        CycleResult r = c.run(reading(10 + aKw + abcKw / 3, 4 + abcKw / 3, 4 + abcKw / 3),
                List.of(observation(0, true, aKw, 0, clock.instant()).build(),
                        observation(1, true, abcKw, 0, clock.instant()).build()), List.of());

        assertThat(r.householdLines()).isPresent();
        assertThat(r.householdLines().get().aKw()).isCloseTo(10, within(1e-9));
        assertThat(r.householdLines().get().bKw()).isCloseTo(4, within(1e-9));
        assertThat(r.householdLines().get().cKw()).isCloseTo(4, within(1e-9));
    }
}
