package org.orderly.gateway.app.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderly.gateway.app.live.ObservationBuilder.observation;
import static org.orderly.gateway.app.live.ReadingBuilder.meterReading;
import static org.orderly.gateway.core.CompoundFixtures.KW_PER_A_1PH;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.CompoundFixtures;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.GridCap;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.policy.PileReason;
import org.orderly.gateway.core.time.ClockFloor;
import org.orderly.gateway.core.time.TestTicker;
import org.orderly.gateway.core.time.VirtualClock;

/**
 * A pile that does not say what its car draws (a Modbus pile without a power register) on a line with less room than
 * its car would take: nothing of the car's draw comes off the meter's total, so what it draws is the households' at the
 * next reading. Until 2026-12-06 it was given the line's whole room, cut to 0 A the next cycle (its own draw taken for
 * the households), and paused for its settle time: 1 s on, 30 s off, for as long as nothing changed. Line A of a 66 kW
 * transformer with 40 A lines at 220 V, 20 A of households on it; the live policy at 23:00 in Beijing (the valley: it
 * charges at once), one-second cycles on a test ticker; the car takes each offer by the next cycle.
 */
class ControlCycleUnmeasuredDrawRoomTest {
    private static final double LINE_A = 40;
    private static final double HOUSEHOLDS_A = 20;

    private final Compound compound = CompoundFixtures.compound().limitKw(66).phaseLimitA(LINE_A)
            .pile("a1", Phase.A, null).build();
    /** 100 A lines: with 20 A of households, the car's 32 A and as much again fit. */
    private final Compound wide = CompoundFixtures.compound().limitKw(66).phaseLimitA(100).pile("a1", Phase.A, null).build();
    /** Line A as {@link #compound}, with a second pile on it. */
    private final Compound mixed = CompoundFixtures.compound().limitKw(66).phaseLimitA(LINE_A)
            .pile("a1", Phase.A, null).pile("a2", Phase.A, null).build();
    private final VirtualClock clock = LivePolicyCycle.inTheValley();
    private final TestTicker ticker = new TestTicker(1_000_000_000L);
    private final ControlCycle cycle = LivePolicyCycle.of(compound, clock, ticker);

    @Test
    void aPileThatDoesNotSayItsDrawSettlesOnOneOfferWithinTheRoomItsOwnDrawLeaves() {
        List<Double> offers = new ArrayList<>();
        double drawA = 0;
        for (int s = 0; s < 60; s++) {
            double offer = run(drawA);
            // Its draw is the households' for all the cycle knows: the room against the heaviest they may be.
            assertThat(offer).as("cycle %d's offer, the car drawing %.1f A", s, drawA)
                    .isLessThanOrEqualTo(LINE_A - HOUSEHOLDS_A - drawA + 1e-6);
            offers.add(offer);
            drawA = offer;
        }

        List<Double> settled = offers.subList(10, offers.size());
        assertThat(settled).as("the offers from the 10th cycle on (all: %s)", offers).containsOnly(settled.get(0));
        assertThat(settled.get(0)).as("the offer it settles on").isPositive();
    }

    @Test
    void withAmpleRoomItIsGivenItsMaximumAtOnceAndKeepsIt() {
        // 32 A stays whatever the car draws.
        ControlCycle ample = LivePolicyCycle.of(wide, clock, ticker);
        List<Double> offers = new ArrayList<>();
        double drawA = 0;
        for (int s = 0; s < 8; s++) {
            drawA = run(ample, drawA);
            offers.add(drawA);
        }

        assertThat(offers).as("its offers, the car taking each by the next cycle")
                .containsExactly(32.0, 32.0, 32.0, 32.0, 32.0, 32.0, 32.0, 32.0);
    }

    @Test
    void withTheClockNotSetTheSameRuleHolds() {
        // Its floor years ahead: the cycle shares the reading's room without the policy (ControlMode.CLOCK_NOT_SET).
        ClockFloor ahead = new ClockFloor(Instant.parse("2030-01-01T00:00:00Z"), "a test's floor");
        ControlCycle ample = LivePolicyCycle.of(wide, clock, ticker, ahead);
        ControlCycle narrow = LivePolicyCycle.of(compound, clock, ticker, ahead);
        List<Double> amply = new ArrayList<>();
        List<Double> narrowly = new ArrayList<>();
        double ampleA = 0;
        double narrowA = 0;
        for (int s = 0; s < 6; s++) {
            ampleA = run(ample, HOUSEHOLDS_A, ampleA);
            narrowA = run(narrow, HOUSEHOLDS_A, narrowA);
            amply.add(ampleA);
            narrowly.add(narrowA);
        }

        assertThat(amply).as("its offers on a 100 A line").containsOnly(32.0);
        assertThat(narrowly).as("its offers on the 40 A line").containsOnly(10.0);
    }

    @Test
    void onALineWithLessRoomThanItsCarWouldTakeItSettlesAtOnceOnHalfTheRoomTheHouseholdsLeave() {
        // 20 A of households leave 20 A, 10 A leave 30 A: what stays is half of that, its own draw being the other half.
        assertThat(offersWith(20, 30)).as("its offers with 20 A of households").containsOnly(10.0);
        assertThat(offersWith(10, 30)).as("its offers with 10 A of households").containsOnly(15.0);
    }

    @Test
    void whereHalfTheRoomIsBelowItsLeastCurrentItIsNotStarted() {
        // 30 A of households leave 10 A: half of it is below the car's 6 A, so no offer stays, and none is made (until
        // the Limiter counted its raise twice it was given 6 A and cut the next cycle, then paused for 30 s, in turn).
        List<Double> offers = offersWith(30, 40);
        assertThat(offers).as("its offers with 30 A of households").containsOnly(0.0);
    }

    /**
     * Not started, it says why: it waits for room, needing twice its least current free as a pile that does not say its
     * draw. Until 2026-12-06 it said CIRCUIT_LIMIT, 'Sharing its circuit's capacity (normal scheduling)', beside a car
     * given nothing on a line with 10 A free; beside a pile that says its draw and charges on 7.9 A, the same.
     */
    @Test
    void notStartedForWantOfTwiceItsLeastCurrentItSaysSo() {
        ControlCycle alone = LivePolicyCycle.of(compound, clock, ticker);
        ControlCycle both = LivePolicyCycle.of(mixed, clock, ticker);
        List<PileReason> aloneSaid = new ArrayList<>();
        List<PileReason> besideSaid = new ArrayList<>();
        double saysA = 0;
        for (int s = 0; s < 10; s++) {
            aloneSaid.add(reasons(alone, 30, List.of(silent(0))).get(0));
            PileObservation says = observation(0, true, saysA * KW_PER_A_1PH, 1, clock.instant()).build();
            CycleResult r = cycleOf(both, 30 + saysA, List.of(says, silent(1)));
            saysA = r.allocation().amps()[0];
            besideSaid.add(r.reasons().get(1));
        }

        assertThat(aloneSaid.subList(2, 10)).as("its reasons alone on the line from the 3rd cycle (all: %s)", aloneSaid)
                .containsOnly(PileReason.NOT_METERED_WAITING_FOR_ROOM);
        assertThat(besideSaid.subList(2, 10)).as("its reasons beside a1 from the 3rd cycle (all: %s)", besideSaid)
                .containsOnly(PileReason.NOT_METERED_WAITING_FOR_ROOM);
    }

    /**
     * Kept from starting by a grid cap, it says the cap, as any pile does: a limit someone set, which the manager is to
     * see as such, not the room its own draw takes (OrderlyPolicy.reason). 20 A of households leave 20 A on its line;
     * the cap leaves 2 kW, 9.1 A, under the transformer: less than twice its 6 A.
     */
    @Test
    void notStartedUnderAGridCapItSaysTheCap() {
        List<PileReason> said = new ArrayList<>();
        for (int s = 0; s < 6; s++) {
            double lineAKw = HOUSEHOLDS_A * KW_PER_A_1PH;
            GridCap cap = new GridCap("peak", clock.instant().minusSeconds(60), clock.instant().plusSeconds(3600),
                    lineAKw + 4 + 2);
            said.add(cycleOf(cycle, HOUSEHOLDS_A, List.of(silent(0)), List.of(cap)).reasons().get(0));
        }

        assertThat(said.subList(2, 6)).as("its reasons from the 3rd cycle (all: %s)", said)
                .containsOnly(PileReason.GRID_CAP);
    }

    @Test
    void aCutPassesWholeAtOnce() {
        ControlCycle light = LivePolicyCycle.of(compound, clock, ticker);
        double drawA = 0;
        for (int s = 0; s < 5; s++) {
            drawA = run(light, 10, drawA);
        }
        assertThat(drawA).as("settled with 10 A of households").isEqualTo(15.0);

        // 18 A of households and the car's 15 A leave 7 A of the line's 40 A: the offer comes down to them, whole.
        assertThat(run(light, 18, drawA)).as("the offer once the households rise to 18 A").isEqualTo(7.0);
    }

    @Test
    void aPileThatSaysItsDrawBesideOneThatDoesNotNeverTakesTheLineOverItsLimit() {
        ControlCycle both = LivePolicyCycle.of(mixed, clock, ticker);
        double[] households = {20, 10, 25, 5, 30, 15};
        double[] drawA = new double[2];
        for (int s = 0; s < 120; s++) {
            double householdsA = households[s / 20];
            double[] offers = runBoth(both, householdsA, drawA);
            // The cars take their offers by the next reading: with the households as they are, within the line.
            assertThat(householdsA + offers[0] + offers[1]).as("cycle %d: %.1f A of households, offers %s", s,
                    householdsA, Arrays.toString(offers)).isLessThanOrEqualTo(LINE_A + 1e-6);
            drawA = offers;
        }
    }

    @Test
    void besideAPileThatSaysItsDrawBothSettleAtOnceOnAThirdOfTheRoomEach() {
        // The Limiter counts the silent car's raise twice, as the households' at the next reading and as its offer: both
        // are given at once what the line holds, 20 A = M + 2S (the Limiter's 0.1 A steps: 6.6 A each).
        List<String> offers = offersBeside(HOUSEHOLDS_A);

        assertThat(offers).as("the offers (a1 says its draw, a2 does not)").containsOnly("[6.6, 6.6]");
    }

    @Test
    void whereAThirdOfTheRoomIsBelowTheLeastCurrentOneCarKeepsCharging() {
        // 30 A of households leave 10 A: a1 keeps what the plan asks of it (7.9 A), a2's least current cannot stay beside
        // it (until the Limiter counted a2's raise twice, both paused in turn: nothing offered in 35 of the 40 cycles).
        List<String> thirty = offersBeside(30);
        assertThat(thirty.subList(1, 40)).as("the offers with 30 A of households from the 2nd cycle on (all: %s)", thirty)
                .containsOnly("[7.9, 0.0]");
        // 25 A leave 15 A: a2, the more urgent (its car's energy not seen), is started, as much as stays: half of it.
        List<String> twentyFive = offersBeside(25);
        assertThat(twentyFive.subList(2, 40)).as("the offers with 25 A of households from the 3rd cycle on (all: %s)",
                twentyFive).containsOnly("[0.0, 7.5]");
    }

    /**
     * A line's mean current over 40 cycles, and each pile's mean offer (docs/architecture.md's table): {households, line,
     * a1 (says its draw), a2 (does not)}.
     */
    @Test
    void overFortyCyclesTheLineCarriesAsTheTableSays() {
        double[][] table = {{5, 28.20, 11.60, 11.60}, {10, 30.00, 10.00, 10.00}, {15, 31.60, 8.30, 8.30},
            {20, 33.20, 6.60, 6.60}, {25, 32.50, 0.38, 7.13}, {30, 37.95, 7.95, 0.00}};
        for (double[] row : table) {
            double[] mean = new double[2];
            for (String offers : offersBeside(row[0])) {
                String[] amps = offers.substring(1, offers.length() - 1).split(", ");
                mean[0] += Double.parseDouble(amps[0]) / 40;
                mean[1] += Double.parseDouble(amps[1]) / 40;
            }
            String as = String.format(Locale.ROOT, "%.0f A of households: line %.2f A, a1 %.2f A, a2 %.2f A", row[0],
                    row[0] + mean[0] + mean[1], mean[0], mean[1]);
            assertThat(as).isEqualTo(String.format(Locale.ROOT, "%.0f A of households: line %.2f A, a1 %.2f A, a2 %.2f A",
                    row[0], row[1], row[2], row[3]));
        }
    }

    /**
     * Each of 40 cycles' offers of a1 (says its draw) and a2 (does not) on line A with {@code householdsA}, the cars
     * taking them by the next reading, on a fresh cycle; the line never over its limit.
     */
    private List<String> offersBeside(double householdsA) {
        ControlCycle both = LivePolicyCycle.of(mixed, clock, ticker);
        List<String> offers = new ArrayList<>();
        double[] drawA = new double[2];
        for (int s = 0; s < 40; s++) {
            double[] offered = runBoth(both, householdsA, drawA);
            offers.add(Arrays.toString(offered));
            assertThat(householdsA + offered[0] + offered[1]).as("cycle %d's offers %s with %.0f A of households", s,
                    offers.get(s), householdsA).isLessThanOrEqualTo(LINE_A + 1e-6);
            drawA = offered;
        }
        return offers;
    }

    /** Each cycle's offer over {@code cycles} cycles, the car taking each by the next, on a fresh cycle. */
    private List<Double> offersWith(double householdsA, int cycles) {
        ControlCycle fresh = LivePolicyCycle.of(compound, clock, ticker);
        List<Double> offers = new ArrayList<>();
        double drawA = 0;
        for (int s = 0; s < cycles; s++) {
            drawA = run(fresh, householdsA, drawA);
            offers.add(drawA);
        }
        return offers;
    }

    /** One cycle, the car drawing {@code drawA} and its pile not saying so, read just now; then a second on. */
    private double run(double drawA) {
        return run(cycle, drawA);
    }

    private double run(ControlCycle cycle, double drawA) {
        return run(cycle, HOUSEHOLDS_A, drawA);
    }

    private double run(ControlCycle cycle, double householdsA, double drawA) {
        PileObservation pile = observation(0, true, 0, 1, clock.instant()).drawKnown(false).build();
        return runWith(cycle, householdsA + drawA, List.of(pile))[0];
    }

    /** One cycle of pile a1, which says its car's draw, and a2, which does not, both cars drawing {@code drawA}. */
    private double[] runBoth(ControlCycle cycle, double householdsA, double[] drawA) {
        PileObservation says = observation(0, true, drawA[0] * KW_PER_A_1PH, 1, clock.instant()).build();
        PileObservation silent = observation(1, true, 0, 1, clock.instant()).drawKnown(false).build();
        return runWith(cycle, householdsA + drawA[0] + drawA[1], List.of(says, silent));
    }

    /** One cycle with line A at {@code lineAmps}, read just now; then a second on. */
    private double[] runWith(ControlCycle cycle, double lineAmps, List<PileObservation> piles) {
        return cycleOf(cycle, lineAmps, piles).allocation().amps().clone();
    }

    /** The reasons of one cycle with line A at {@code lineAmps}. */
    private List<PileReason> reasons(ControlCycle cycle, double lineAmps, List<PileObservation> piles) {
        return cycleOf(cycle, lineAmps, piles).reasons();
    }

    /** Pile {@code pileIndex} with a car plugged in, saying no draw, heard just now. */
    private PileObservation silent(int pileIndex) {
        return observation(pileIndex, true, 0, 1, clock.instant()).drawKnown(false).build();
    }

    /** One cycle with line A at {@code lineAmps}, read just now; then a second on. */
    private CycleResult cycleOf(ControlCycle cycle, double lineAmps, List<PileObservation> piles) {
        return cycleOf(cycle, lineAmps, piles, List.of());
    }

    /** As {@link #cycleOf(ControlCycle, double, List)}, with {@code caps} in force. */
    private CycleResult cycleOf(ControlCycle cycle, double lineAmps, List<PileObservation> piles, List<GridCap> caps) {
        double lineAKw = lineAmps * KW_PER_A_1PH;
        TransformerReading reading = meterReading(lineAKw + 4, clock.instant(), Duration.ZERO)
                .phaseKw(Map.of("power.a.kw", lineAKw, "power.b.kw", 2.0, "power.c.kw", 2.0)).build();
        CycleResult r = cycle.run(reading, piles, caps);
        clock.advanceSeconds(1);
        ticker.advance(Duration.ofSeconds(1));
        return r;
    }
}
