package org.orderly.gateway.app.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.orderly.gateway.app.live.ObservationBuilder.observation;
import static org.orderly.gateway.app.live.ReadingBuilder.meterReading;
import static org.orderly.gateway.core.CompoundFixtures.KW_PER_A_1PH;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.CompoundFixtures;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.time.TestTicker;
import org.orderly.gateway.core.time.VirtualClock;

/**
 * The gateway started while a car was already charging: a restart of the service mid-charge, the car on its bridge's
 * lease of the last run (or a Modbus pile's own current). No offer has been sent to its pile yet, so the pile's draw is
 * no draw above what the gateway allowed it. Until 2026-12-06 the first cycles counted it at most at the 0 A "last
 * allowed" it had never been sent, so the car's draw was the households': 16 A of it on a 40 A line with 20 A of
 * households left 4 A, the car was sent 0 A (stopped, for the restart the sender takes care not to stop it for), and the
 * policy learned, and made its first plan with, households 3.52 kW heavier than they were. Line A of a 66 kW
 * transformer with 40 A lines at 220 V, two single-phase piles on it; the live policy at 23:00 in Beijing (the valley: it
 * charges at once), one-second cycles on a test ticker.
 */
class ControlCycleRestartMidChargeTest {
    private static final double HOUSEHOLDS_A = 20;
    private static final double HOUSEHOLDS_KW = HOUSEHOLDS_A * KW_PER_A_1PH + 4;

    private final Compound compound = CompoundFixtures.compound().limitKw(66).phaseLimitA(40)
            .pile("a1", Phase.A, null).pile("a2", Phase.A, null).build();
    private final VirtualClock clock = LivePolicyCycle.inTheValley();
    private final TestTicker ticker = new TestTicker(1_000_000_000L);
    private final ControlCycle cycle = LivePolicyCycle.of(compound, clock, ticker);

    /**
     * One cycle: line A carries the households' 20 A and what the cars draw, read {@code readingAge} ago; each pile
     * reported its car's draw {@code reportAge} ago (car 1 plugged in: {@code plugged1}). Then a second on.
     */
    private CycleResult run(double draw0, boolean plugged1, double draw1, Duration readingAge, Duration reportAge) {
        double lineAKw = (HOUSEHOLDS_A + draw0 + draw1) * KW_PER_A_1PH;
        TransformerReading reading = meterReading(lineAKw + 4, clock.instant(), readingAge)
                .phaseKw(Map.of("power.a.kw", lineAKw, "power.b.kw", 2.0, "power.c.kw", 2.0)).build();
        List<PileObservation> piles = List.of(
                observation(0, true, draw0 * KW_PER_A_1PH, 0, clock.instant()).age(reportAge).build(),
                observation(1, plugged1, draw1 * KW_PER_A_1PH, 0, clock.instant()).age(reportAge).build());
        CycleResult r = cycle.run(reading, piles, List.of());
        clock.advanceSeconds(1);
        ticker.advance(Duration.ofSeconds(1));
        return r;
    }

    @Test
    void aCarChargingOnTheLastRunsOfferIsNotTakenForTheHouseholdsAtTheFirstCycle() {
        // Its pile reported 16 A 300 ms ago, the meter was read 100 ms ago: the reading holds the car's draw.
        CycleResult first = run(16, false, 0, Duration.ofMillis(100), Duration.ofMillis(300));

        assertThat(first.baseKw()).as("the households, the car's draw taken off").isCloseTo(HOUSEHOLDS_KW, within(1e-9));
        assertThat(first.householdLines().orElseThrow().kw(0)).as("line A's households")
                .isCloseTo(HOUSEHOLDS_A * KW_PER_A_1PH, within(1e-9));
        assertThat(first.plan().baseKw(0)).as("the households the first plan expects now")
                .isCloseTo(HOUSEHOLDS_KW, within(1e-9));
        assertThat(first.allocation().amps()[0]).as("the car, in the 20 A line A leaves it").isCloseTo(20, within(1e-6));
    }

    @Test
    void aFirstReportAboveThePilesMaximumCountsAtItsMaximum() {
        // 50 A on a 32 A pile (a wrong map or CT ratio): no more than the pile can draw comes off the total.
        CycleResult first = run(50, false, 0, Duration.ofMillis(100), Duration.ofMillis(300));

        assertThat(first.baseKw()).as("the households, 32 A of the 50 taken off")
                .isCloseTo(HOUSEHOLDS_KW + 18 * KW_PER_A_1PH, within(1e-9));
    }

    @Test
    void aCarCutAtTheFirstCycleKeepsItsRoomFromAnotherPileWhileItFollows() {
        // The installer has limited pile 0 to 8 A: the first cycle cuts its car, drawing 16 A on the last run's offer, and
        // car 1 has just come. Line A has 20 A for cars, of which car 0 may draw its 16 A for up to its follow time (5 s).
        cycle.limitPile(0, 8);
        CycleResult first = run(16, true, 0, Duration.ofMillis(100), Duration.ofMillis(300));
        assertThat(first.allocation().amps()[0]).as("car 0, cut").isCloseTo(8, within(1e-6));
        assertThat(16 + first.allocation().amps()[1]).as("line A's cars while car 0 follows its cut")
                .isLessThanOrEqualTo(40 - HOUSEHOLDS_A + 1e-6);

        CycleResult second = run(16, true, 0, Duration.ofMillis(100), Duration.ofMillis(300));
        assertThat(16 + second.allocation().amps()[1]).as("line A's cars a second on, car 0 still at 16 A")
                .isLessThanOrEqualTo(40 - HOUSEHOLDS_A + 1e-6);

        // Car 0 has followed: car 1 has the 12 A it left.
        CycleResult followed = run(8, true, 0, Duration.ofMillis(100), Duration.ofMillis(300));
        assertThat(followed.baseKw()).as("the households").isCloseTo(HOUSEHOLDS_KW, within(1e-9));
        assertThat(followed.allocation().amps()[1]).as("car 1, beside car 0's 8 A").isCloseTo(12, within(1e-6));
    }

    @Test
    void aFirstReportNewerThanTheReadingLeavesTheCarOnTheHouseholdsUntilAReadingAfterIt() {
        // The meter was read 300 ms ago, the pile's first report came 100 ms ago: the car may have begun between the
        // two (plugged in during the restart), and nothing is known of the households before. The heavier bound holds:
        // the room no offer may exceed (docs/architecture.md, "A reading that cannot tell whether it holds a pile's own
        // step").
        CycleResult first = run(16, false, 0, Duration.ofMillis(300), Duration.ofMillis(100));
        assertThat(first.baseKw()).as("the households, the car's draw not known to be in the reading")
                .isCloseTo(HOUSEHOLDS_KW + 16 * KW_PER_A_1PH, within(1e-9));

        // A reading after its report: the car, still drawing 16 A on its own offer, is taken off.
        CycleResult second = run(16, false, 0, Duration.ofMillis(100), Duration.ofMillis(300));
        assertThat(second.baseKw()).as("the households").isCloseTo(HOUSEHOLDS_KW, within(1e-9));
    }

    @Test
    void aCarWhoseFirstReportCameAfterTheReadingStaysOnItsOwnOfferForThatCycleAndIsNotSent0A() {
        // The heavier bound leaves it 4 A, below its least current: sent, that was 0 A, a pause the restart made. Its
        // pile is left on the offer it has for the cycle, its room held from car 1, who has just come.
        CycleResult first = run(16, true, 0, Duration.ofMillis(300), Duration.ofMillis(100));
        assertThat(cycle.offeredYet(0)).as("whether the first cycle's offer is sent to the car's pile").isFalse();
        assertThat(first.reserved().ampsOf(0)).as("the room held for its own offer").isCloseTo(32, within(1e-6));
        assertThat(first.allocation().amps()[1]).as("car 1, beside it").isZero();

        // The next reading, after its report, holds its draw: it is sent its room, no pause.
        CycleResult second = run(16, false, 0, Duration.ofMillis(100), Duration.ofMillis(300));
        assertThat(cycle.offeredYet(0)).as("whether the second cycle's offer is sent to it").isTrue();
        assertThat(second.allocation().amps()[0]).as("the car, in the 20 A line A leaves it").isCloseTo(20, within(1e-6));
    }

    @Test
    void aPileIsLeftOnItsOwnOfferForOneCycleOnlyThoughTheMeterIsReadBeforeItReportsAgain() {
        run(16, false, 0, Duration.ofMillis(300), Duration.ofMillis(100));
        CycleResult second = run(16, false, 0, Duration.ofMillis(300), Duration.ofMillis(100));

        assertThat(cycle.offeredYet(0)).as("whether the second cycle's offer is sent to it").isTrue();
        assertThat(second.reserved().amps()).as("the room held").isEmpty();
        assertThat(second.allocation().amps()[0]).as("the car: the reading holds its first report's draw")
                .isCloseTo(20, within(1e-6));
    }
}
