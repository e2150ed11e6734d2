package org.orderly.gateway.app.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderly.gateway.app.live.ObservationBuilder.observation;
import static org.orderly.gateway.app.live.ReadingBuilder.meterReading;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.CompoundFixtures;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.policy.EqualSharePolicy;
import org.orderly.gateway.core.time.TestTicker;
import org.orderly.gateway.core.time.VirtualClock;

/**
 * A pile's latest report can be older than a cut: its car was cut to nothing, then raised, and the meter, read after
 * the cut took effect and before the raise did, holds none of its draw while the report still says what it drew before
 * the cut. Taking that draw off the reading made line A's households look lighter by it. Seen live
 * (GridCapHonestyLiveTest, 2026-12-04, a loaded machine): households 30 A on a 40 A line, a car drawing its bridge's
 * safe 6 A at the start, cut to 0 A (4 A left), given 10 A once it stopped, then 16 A while its pile still reported
 * 6 A and the meter read line A at 30 A: 46 A on a 40 A line once the car took it.
 */
class ControlCycleCutThenRaisedTest {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final double VOLTS = CompoundFixtures.VOLTS;

    private final Compound compound = CompoundFixtures.compound().limitKw(40).phaseLimitA(40)
            .pile("a1", Phase.A, null).build();
    private final VirtualClock clock = new VirtualClock(Instant.parse("2026-01-13T15:00:00Z"), ZONE);
    private final TestTicker ticker = new TestTicker();
    private final ControlCycle cycle = CycleBuilder.cycle(compound, new EqualSharePolicy(compound), clock, 6.0).ticker(ticker).build();

    private void advanceMillis(long ms) {
        clock.set(clock.instant().plusMillis(ms));
        ticker.advance(Duration.ofMillis(ms));
    }

    /** Line A carrying {@code amps}, 5 A on B and C, read 100 ms ago. */
    private TransformerReading lineA(double amps) {
        double aKw = amps * VOLTS / 1000;
        double otherKw = 5 * VOLTS / 1000;
        return meterReading(aKw + 2 * otherKw, clock.instant(), Duration.ofMillis(100))
                .phaseKw(Map.of("power.a.kw", aKw, "power.b.kw", otherKw, "power.c.kw", otherKw)).build();
    }

    /** The car drawing {@code amps}, as its pile reported at {@code readAt}. */
    private List<PileObservation> reported(double amps, Instant readAt) {
        return List.of(observation(0, true, compound.kw(0, amps), 0, readAt).age(Duration.between(readAt, clock.instant())).build());
    }

    @Test
    void aDrawReportedBeforeACutIsNotTakenOffAReadingAfterItWhenTheCarIsRaisedAgain() {
        // Its pile has not reported since the start.
        Instant report = clock.instant();
        lineAKeepsItsHouseholds(cutThenRaised(() -> reported(6, report)));
    }

    /**
     * The start: the car draws its bridge's safe 6 A, so line A reads 36 A and leaves it 4 A, below its least: cut. A
     * second on it has stopped (line A: the households' 30 A, 10 A left) and is given them; a second later it has not
     * risen yet, and the pile's word on its draw, {@code draws} at each cycle, still says 6 A. That third cycle.
     */
    private CycleResult cutThenRaised(Supplier<List<PileObservation>> draws) {
        CycleResult first = cycle.run(lineA(36), draws.get(), List.of());
        assertThat(first.allocation().amps()[0]).as("the car cut: 4 A left on line A").isZero();

        advanceMillis(1000);
        CycleResult second = cycle.run(lineA(30), draws.get(), List.of());
        assertThat(second.allocation().amps()[0]).as("the car given line A's 10 A").isEqualTo(10);

        advanceMillis(1000);
        return cycle.run(lineA(30), draws.get(), List.of());
    }

    /** The car drawing {@code amps} as its bus meter ({@code meters.piles[]}) read at {@code drawAt}; reported now. */
    private List<PileObservation> metered(double amps, Instant drawAt) {
        Instant now = clock.instant();
        return List.of(observation(0, true, compound.kw(0, amps), 0, now).drawAt(drawAt, Duration.between(drawAt, now)).build());
    }

    /**
     * The same cut and raise on a pile whose draw its bus meter measures, read less often than the pile reports (a
     * Modbus pile without a power register read each period, its meter once a round of a slow bus): the meter read the
     * car's 6 A before the cut, and the pile has reported each second since. Until 2026-12-05 the cut was forgotten at
     * each new report, though no draw had been measured since it: the meter's 6 A was taken off line A's reading again.
     */
    @Test
    void aDrawAPileMeterReadBeforeACutIsNotTakenOffAReadingAfterItThoughThePileReportedSince() {
        // Its meter not read since the start (its reading 2 s old at the third cycle, within the 5 s a reading may be).
        Instant meterRead = clock.instant();
        lineAKeepsItsHouseholds(cutThenRaised(() -> metered(6, meterRead)));
    }

    /** Line A's households as the meter reads them, 30 A, and the car given no more than the 10 A they leave. */
    private static void lineAKeepsItsHouseholds(CycleResult r) {
        assertThat(r.householdLines().orElseThrow().kw(0) * 1000 / VOLTS).as("line A's households, in A")
                .isGreaterThanOrEqualTo(30 - 1e-6);
        assertThat(r.allocation().amps()[0]).as("the car, on line A with 10 A left").isLessThanOrEqualTo(10 + 1e-6);
    }
}
