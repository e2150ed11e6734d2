package org.orderly.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderly.gateway.app.live.ObservationBuilder.observation;
import static org.orderly.gateway.app.live.ReadingBuilder.meterReading;
import static org.orderly.gateway.core.policy.PolicyBuilder.policyFor;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.app.live.BackflowWatch;
import org.orderly.gateway.app.live.ControlCycle;
import org.orderly.gateway.app.live.CycleBuilder;
import org.orderly.gateway.app.live.CycleSeen;
import org.orderly.gateway.app.live.CycleResult;
import org.orderly.gateway.app.live.PileObservation;
import org.orderly.gateway.app.live.ReadingNotTaken;
import org.orderly.gateway.app.live.TransformerReading;
import org.orderly.gateway.core.CompoundFixtures;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.plan.Plan;
import org.orderly.gateway.core.plan.PlanProblem;
import org.orderly.gateway.core.plan.Planner;
import org.orderly.gateway.core.policy.LiveSettings;
import org.orderly.gateway.core.policy.OrderlyPolicy;
import org.orderly.gateway.core.policy.PileReason;
import org.orderly.gateway.core.time.ClockFloor;
import org.orderly.gateway.core.time.VirtualClock;
import org.orderly.gateway.core.tariff.BeijingTariff;
import org.orderly.gateway.core.time.TestTicker;
import org.orderly.gateway.store.Store;
import org.orderly.gateway.store.StoreEvent;
import org.orderly.gateway.store.StoreReader;
import org.orderly.gateway.store.StoreSettings;

/**
 * A planner that throws is reported: the core keeps the old plan and cannot log, so the recorder does. A clock below
 * a floor that can be wrong is reported with what to do if the clock is right.
 */
class CycleRecorderTest {
    /** The stale age of the cycles these tests record: the recorder judges a reading by its cycle's (CycleResult). */
    private static final Duration STALE_AFTER = Duration.ofSeconds(3);
    @TempDir
    Path dir;

    @Test
    void aFailedPlanIsLoggedAndStoredAsAnEvent() throws Exception {
        Compound compound = CompoundFixtures.compound().limitKw(100).pile("P1", Phase.A, null).build();
        Planner broken = new Planner() {
            @Override
            public Plan solve(PlanProblem problem) {
                throw new IllegalStateException("solver broke");
            }
        };
        Clock clock = Clock.systemUTC();
        OrderlyPolicy policy = new OrderlyPolicy(compound, BeijingTariff.tariff(), LiveSettings.of(1.8),
                broken, Runnable::run);
        ControlCycle cycle = CycleBuilder.cycle(compound, policy, clock, 10).build();
        Instant from = Instant.now().minusSeconds(5);
        try (Store store = Store.open(StoreSettings.of(dir.resolve("orderly.db"), 30), clock)) {
            CycleRecorder recorder = RecorderBuilder.recorder(compound, store, policy).build();
            List<PileObservation> piles = List.of(observation(0, true, 0, 0, Instant.now()).build());
            TransformerReading reading = new TransformerReading(20, Instant.now(), Duration.ZERO);
            CycleResult result = cycle.run(reading, piles, List.of());
            recorder.record(new CycleSeen(Instant.now(), reading, piles, result));

            assertThat(policy.planFailures()).isPositive();
            assertThat(store.flush(Duration.ofSeconds(5))).isTrue();
            try (StoreReader reader = store.reader()) {
                assertThat(reader.events(from, Instant.now().plusSeconds(5)))
                        .extracting(StoreEvent::kind).contains("plan.failure");
            }
        }
    }

    /**
     * A fresh transformer reading whose total power is no number (a meter answering NaN, a map with the wrong type or word
     * order) is said as such, not as stale: until 2026-12-05 the line said "stale (read at ..., 395 ms before)" of a
     * reading not half a second old.
     */
    @Test
    void aReadingThatIsNoNumberIsSaidAsSuchNotAsStale() throws Exception {
        Instant readAt = Instant.parse("2026-12-05T05:54:11.196Z");
        StoreEvent mode = firstModeChange(new TransformerReading(Double.NaN, readAt, Duration.ofMillis(395)));

        saysMode(mode, "notFinite", readAt,
                "start -> conservative: transformer reading not a number:"
                + " power.total.kw = NaN (read at 2026-12-05T05:54:11.196Z); check the meter and its register"
                + " map's type and word order");
    }

    /**
     * A reading that is no number, older than the stale age (the meter silent since), is stale, as the cycle judges it
     * and the page says it: until 2026-12-07 the event judged it whatever its age and said it no number, the map to check.
     */
    @Test
    void aReadingThatIsNoNumberOlderThanTheStaleAgeIsSaidStale() throws Exception {
        Instant readAt = Instant.parse("2026-12-05T05:54:11.196Z");
        Duration old = STALE_AFTER.plusSeconds(1);
        StoreEvent mode = firstModeChange(new TransformerReading(Double.NaN, readAt, old));

        saysMode(mode, "stale", readAt, "start -> conservative: transformer reading stale (read at " + readAt + ", "
                + old.toMillis() + " ms before)");
    }

    /**
     * A fresh transformer reading whose total is less than the pile alone reports drawing (a scale gone wrong, a CT off
     * its wire), with no plausible reading before it, is said as such: until 2026-12-06 it was taken at its word, as
     * households of nothing.
     */
    @Test
    void aReadingBelowWhatThePilesDrawIsSaidAsSuch() throws Exception {
        Instant readAt = Instant.parse("2026-12-06T21:10:00.250Z");
        StoreEvent mode = firstModeChange(new TransformerReading(0.0121, readAt, Duration.ofMillis(80)), 7.04);

        saysMode(mode, "belowPiles", readAt,
                "start -> conservative: transformer reading not trusted: power.total.kw ="
                + " 0.01 kW is less than the piles alone draw (7.04 kW by their own reports), which the meter's total"
                + " holds; check the meter's register map (scale, type, word order), its CT ratio and that each CT sits on"
                + " its wire (read at 2026-12-06T21:10:00.250Z), and no plausible reading is recent enough to go on from");
    }

    /**
     * A recent transformer reading lacking a line its map reads (a compound with a line limit, so that line's room is
     * not known), with no whole reading before it to go on from, is said as such: until 2026-12-07 its event said the
     * reading stale, with its recent time, and its form was {@code stale}.
     */
    @Test
    void aReadingLackingALineIsSaidSoNotStale() throws Exception {
        Instant readAt = Instant.parse("2026-12-07T07:00:00.250Z");
        Compound compound = CompoundFixtures.compound().limitKw(100).phaseLimitA(150).pile("P1", Phase.A, null).build();
        StoreEvent mode = firstModeChange(compound, meterReading(24, readAt, Duration.ofMillis(80))
                .phaseKw(Map.of("power.b.kw", 2.0, "power.c.kw", 2.0)).build(), 0);

        saysMode(mode, "lacksLine", readAt,
                "start -> conservative: transformer reading lacks power.a.kw, though its"
                + " map reads it (read at 2026-12-07T07:00:00.250Z), and no whole reading is recent enough to go on from:"
                + " that line's room is not known; check the meter's wiring of that line and its register map");
    }

    /**
     * A recent reading flowing back to the grid, not yet for its hold, with no plausible reading before it to go on
     * from, is said as flowing back by the page as by the message: until 2026-12-07 its form was {@code stale}, and the
     * page said the reading stale.
     */
    @Test
    void aReadingFlowingBackBeforeItsHoldIsSaidSoOnThePage() throws Exception {
        Instant readAt = Instant.parse("2026-12-07T07:00:00.250Z");
        StoreEvent mode = firstModeChange(new TransformerReading(-12.4, readAt, Duration.ofMillis(80)));

        saysMode(mode, "flowsBack", readAt,
                "start -> conservative: transformer reading not trusted: power.total.kw ="
                + " -12.40 kW flows back to the grid, and no plausible reading is recent enough to go on from");
    }

    /**
     * A reading distrusted as flowing back past its hold that the meter then leaves unrenewed past the stale age: the
     * cycle judges it stale (the backflow no longer named, every pile's reason METER_STALE), and so does the page
     * ({@link ReadingNotTaken#why}, empty: METER_STALE's alarm); the event says so too, by the same function. Until
     * 2026-12-07 the event judged the reading whatever its age and said it flowed back, with no plausible reading recent
     * enough to go on from, of a meter fallen silent.
     */
    @Test
    void aReadingFlowingBackThatTheMeterLeavesUnrenewedPastTheStaleAgeIsSaidStaleAsTheCycleJudgesIt() throws Exception {
        Compound compound = CompoundFixtures.compound().limitKw(100).pile("P1", Phase.A, null).build();
        OrderlyPolicy policy = policyFor(compound, BeijingTariff.tariff(), LiveSettings.of(1.8)).build();
        VirtualClock clock = new VirtualClock(Instant.parse("2026-12-07T07:00:00Z"), ZoneOffset.UTC);
        TestTicker ticker = new TestTicker();
        Duration staleAfter = STALE_AFTER;
        ControlCycle cycle = CycleBuilder.cycle(compound, policy, clock, 10).staleAfter(staleAfter).ticker(ticker).build();
        try (Store store = Store.open(StoreSettings.of(dir.resolve("orderly.db"), 30), Clock.systemUTC())) {
            CycleRecorder recorder = RecorderBuilder.recorder(compound, store, policy).build();
            TransformerReading flowing = new TransformerReading(-70, clock.instant(), Duration.ZERO);
            recorder.record(cycled(cycle, clock, flowing));
            clock.advanceSeconds(BackflowWatch.HOLD.toSeconds());
            ticker.advance(BackflowWatch.HOLD);
            Instant readAt = clock.instant();
            recorder.record(cycled(cycle, clock, new TransformerReading(-70, readAt, Duration.ZERO)));
            Duration silent = staleAfter.plusSeconds(1);
            clock.advanceSeconds(silent.toSeconds());
            ticker.advance(silent);
            CycleSeen unrenewed = cycled(cycle, clock, new TransformerReading(-70, readAt, silent));
            recorder.record(unrenewed);

            assertThat(unrenewed.result().backflow()).as("the cycle's own judgement").isNull();
            assertThat(unrenewed.result().reasons()).containsOnly(PileReason.METER_STALE);
            assertThat(ReadingNotTaken.why(unrenewed, staleAfter)).as("the page's").isEmpty();
            assertThat(store.flush(Duration.ofSeconds(5))).isTrue();
            try (StoreReader reader = store.reader()) {
                List<StoreEvent> modes = reader.events(readAt.minusSeconds(60), readAt.plusSeconds(60)).stream()
                        .filter(e -> e.kind().equals("control.mode")).toList();
                assertThat(modes).extracting(e -> e.args().get("form")).containsExactly("flowsBack", "flowsBack", "stale");
                saysMode(modes.get(2), "stale", readAt, "conservative -> conservative: transformer reading stale (read at "
                        + readAt + ", " + silent.toMillis() + " ms before)");
            }
        }
    }

    /** One cycle of {@code cycle} on {@code reading}, its one pile plugged in and heard now. */
    private static CycleSeen cycled(ControlCycle cycle, Clock clock, TransformerReading reading) {
        List<PileObservation> piles = List.of(observation(0, true, 0, 0, clock.instant()).build());
        return new CycleSeen(clock.instant(), reading, piles, cycle.run(reading, piles, List.of()));
    }

    /**
     * That {@code mode} says {@code message} in the form {@code form}, the page's {@code readAt} the reading's: the English
     * line the log and the upstream link say, and what the page says it from.
     */
    private static void saysMode(StoreEvent mode, String form, Instant readAt, String message) {
        assertThat(mode.message()).isEqualTo(message);
        assertThat(mode.args()).containsEntry("form", form).containsEntry("readAt", readAt.toString());
    }

    /** The control.mode event of one cycle of a one-pile compound on {@code reading}, as the store has it. */
    private StoreEvent firstModeChange(TransformerReading reading) throws Exception {
        return firstModeChange(reading, 0);
    }

    /** As {@link #firstModeChange(TransformerReading)}, its pile's car drawing {@code pileKw}. */
    private StoreEvent firstModeChange(TransformerReading reading, double pileKw) throws Exception {
        return firstModeChange(CompoundFixtures.compound().limitKw(100).pile("P1", Phase.A, null).build(), reading, pileKw);
    }

    /** As {@link #firstModeChange(TransformerReading, double)}, of {@code compound}. */
    private StoreEvent firstModeChange(Compound compound, TransformerReading reading, double pileKw) throws Exception {
        OrderlyPolicy policy = policyFor(compound, BeijingTariff.tariff(), LiveSettings.of(1.8)).build();
        ControlCycle cycle = CycleBuilder.cycle(compound, policy, Clock.systemUTC(), 10).staleAfter(STALE_AFTER).build();
        Instant from = Instant.now().minusSeconds(5);
        try (Store store = Store.open(StoreSettings.of(dir.resolve("orderly.db"), 30), Clock.systemUTC())) {
            // Reported a second before the reading: a draw the reading holds.
            List<PileObservation> piles = List.of(observation(0, true, pileKw, 0, Instant.now()).age(Duration.ofSeconds(1)).build());
            RecorderBuilder.recorder(compound, store, policy).build().record(new CycleSeen(Instant.now(), reading, piles,
                    cycle.run(reading, piles, List.of())));
            assertThat(store.flush(Duration.ofSeconds(5))).isTrue();
            try (StoreReader reader = store.reader()) {
                return reader.events(from, Instant.now().plusSeconds(5)).stream()
                        .filter(e -> e.kind().equals("control.mode")).findFirst().orElseThrow();
            }
        }
    }

    @Test
    void aClockBelowAFloorThatCanBeWrongSaysWhatToDoIfTheClockIsRight() throws Exception {
        Compound compound = CompoundFixtures.compound().limitKw(100).pile("P1", Phase.A, null).build();
        Clock clock = Clock.systemUTC();
        OrderlyPolicy policy = policyFor(compound, BeijingTariff.tariff(), LiveSettings.of(1.8)).build();
        ClockFloor floor = new ClockFloor(Instant.now().plus(Duration.ofHours(6)), "the newest time in the store",
                "if the clock is right, move the store aside");
        ControlCycle cycle = CycleBuilder.cycle(compound, policy, clock, 10).clockFloor(floor).build();
        Instant from = Instant.now().minusSeconds(5);
        try (Store store = Store.open(StoreSettings.of(dir.resolve("orderly.db"), 30), clock)) {
            CycleRecorder recorder = RecorderBuilder.recorder(compound, store, policy).clockFloor(floor).build();
            List<PileObservation> piles = List.of(observation(0, true, 0, 0, Instant.now()).build());
            TransformerReading reading = new TransformerReading(20, Instant.now(), Duration.ZERO);
            recorder.record(new CycleSeen(Instant.now(), reading, piles, cycle.run(reading, piles, List.of())));

            assertThat(store.flush(Duration.ofSeconds(5))).isTrue();
            try (StoreReader reader = store.reader()) {
                assertThat(reader.events(from, Instant.now().plusSeconds(5))).filteredOn(e -> e.kind().equals("control.mode"))
                        .extracting(StoreEvent::message).singleElement().asString()
                        .contains("clock_not_set").contains("check NTP")
                        .contains("(timedatectl set-time); if the clock is right, move the store aside");
            }
        }
    }
}
