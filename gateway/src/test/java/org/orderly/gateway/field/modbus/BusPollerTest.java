package org.orderly.gateway.field.modbus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.orderly.gateway.core.time.Tick;
import org.orderly.gateway.web.CapturedLog;

/** The poller's scheduling, pacing and failure handling, against a scripted link and a hand-moved clock. */
class BusPollerTest {

    private static final Instant T0 = Instant.parse("2026-01-15T19:00:00Z");
    private static final RegisterMap ONE_BLOCK = new RegisterMap("test meter", "test", 0, 60, List.of(
            new RegisterPoint("power.total.kw", 10, FunctionCode.READ_HOLDING_REGISTERS, DataType.UINT16, WordOrder.BIG, 0.5, 0),
            new RegisterPoint("current.a", 11, FunctionCode.READ_HOLDING_REGISTERS, DataType.UINT16, WordOrder.BIG, 1, 0)));
    private static final RegisterMap TWO_BLOCKS = new RegisterMap("test meter", "test", 0, 60, List.of(
            new RegisterPoint("power.total.kw", 10, FunctionCode.READ_HOLDING_REGISTERS, DataType.UINT16, WordOrder.BIG, 1, 0),
            new RegisterPoint("energy.import.kwh", 100, FunctionCode.READ_HOLDING_REGISTERS, DataType.UINT16, WordOrder.BIG, 1, 0)));

    private final MutableClock clock = new MutableClock(T0);
    private final LatestReadings store = new LatestReadings();
    private final CollectingListener listener = new CollectingListener();
    private final List<PollFailure> failures = listener.failures;
    private final List<Reading> readings = listener.readings;

    private static BusTiming timing(int retries) {
        return new BusTiming(Duration.ofMillis(1000), Duration.ofMillis(5), Duration.ofMillis(200), retries,
                Duration.ofMillis(20), Duration.ofMillis(50));
    }

    private BusPoller poller(ScriptedLink link, BusTiming timing, Meter... meters) {
        return BusPollers.onLink(new Bus("test", new BusEndpoint.Tcp("127.0.0.1", 502), timing, List.of(meters)),
                link, store, listener, clock, clock, clock);
    }

    private static Meter transformer() {
        return new Meter("tx", 1, ONE_BLOCK, MeterRole.TRANSFORMER);
    }

    private static Meter pile(int unit) {
        return new Meter("pile-" + unit, unit, ONE_BLOCK, MeterRole.PILE);
    }

    @Test
    void readsDecodesAndStampsEveryValue() throws Exception {
        ScriptedLink link = new ScriptedLink(clock, Duration.ofMillis(40));
        poller(link, timing(0), transformer()).runCycle();
        Reading r = store.latest("tx").orElseThrow();
        assertThat(r.values()).containsEntry("power.total.kw", 5.0).containsEntry("current.a", 11.0);
        assertThat(r.readAt()).as("when its request was sent").isEqualTo(T0);
        assertThat(link.requests).hasSize(1); // two contiguous registers, one request
        assertThat(clock.instant()).isEqualTo(T0.plusMillis(1000)); // then waits out the cycle
    }

    /**
     * A meter read in several requests: its reading is as old as its first. The control matches the piles' reports
     * against the reading's tick, and a car that began drawing after the total's request is not in that total.
     */
    @Test
    void aReadingOfSeveralBlocksIsStampedWhenItsFirstRequestWasSent() throws Exception {
        ScriptedLink link = new ScriptedLink(clock, Duration.ofMillis(40));
        poller(link, timing(0), new Meter("tx", 1, TWO_BLOCKS, MeterRole.TRANSFORMER)).runCycle();
        assertThat(link.requests).as("the total's block, then the energy's after 40 ms and the gap")
                .extracting(ScriptedLink.Request::at).containsExactly(T0, T0.plusMillis(45));
        Reading r = store.latest("tx").orElseThrow();
        assertThat(r.value("power.total.kw")).hasValue(10.0);
        assertThat(r.readAt()).isEqualTo(T0);
        assertThat(r.tick()).isEqualTo(new Tick(0));
    }

    @Test
    void transformerEveryCyclePilesRoundRobinInTheTimeLeft() throws Exception {
        // 300 ms per exchange + 5 ms gap: in a 1 s cycle the transformer and two piles fit, then time is up: a third
        // pile begun at 915 ms could time out (200 ms) only at 1120, past the next transformer read, so it waits.
        ScriptedLink link = new ScriptedLink(clock, Duration.ofMillis(300));
        BusPoller poller = poller(link, timing(0), transformer(), pile(11), pile(12), pile(13), pile(14), pile(15));
        for (int cycle = 0; cycle < 3; cycle++) {
            poller.runCycle();
        }
        assertThat(link.requests).extracting(ScriptedLink.Request::unitId)
                .containsExactly(1, 11, 12, 1, 13, 14, 1, 15, 11);
    }

    @Test
    void keepsTheInterFrameGapBetweenExchanges() throws Exception {
        ScriptedLink link = new ScriptedLink(clock, Duration.ofMillis(1));
        poller(link, timing(0), transformer(), pile(11), pile(12)).runCycle();
        for (int i = 1; i < link.requests.size(); i++) {
            Duration between = Duration.between(link.requests.get(i - 1).at(), link.requests.get(i).at());
            assertThat(between).isGreaterThanOrEqualTo(Duration.ofMillis(1 + 5));
        }
    }

    @Test
    void retriesWithDoublingBackoffThenReportsAndMovesOn() throws Exception {
        ScriptedLink link = new ScriptedLink(clock, Duration.ofMillis(200)).fail(11, FailureKind.TIMEOUT);
        BusPoller poller = poller(link, new BusTiming(Duration.ofSeconds(5), Duration.ofMillis(5), Duration.ofMillis(200), 3,
                Duration.ofMillis(20), Duration.ofMillis(50)), transformer(), pile(11), pile(12));
        poller.runCycle();
        List<Instant> tries = link.requests.stream().filter(r -> r.unitId() == 11).map(ScriptedLink.Request::at).toList();
        assertThat(tries).hasSize(4);
        // each interval = 200 ms exchange + backoff 20, 40, then capped at 50 (the backoff covers the 5 ms gap)
        assertThat(Duration.between(tries.get(0), tries.get(1))).isEqualTo(Duration.ofMillis(220));
        assertThat(Duration.between(tries.get(1), tries.get(2))).isEqualTo(Duration.ofMillis(240));
        assertThat(Duration.between(tries.get(2), tries.get(3))).isEqualTo(Duration.ofMillis(250));
        assertThat(failures).singleElement().satisfies(f -> {
            assertThat(f.meterId()).isEqualTo("pile-11");
            assertThat(f.kind()).isEqualTo(FailureKind.TIMEOUT);
            assertThat(f.attempts()).isEqualTo(4);
            assertThat(f.message()).contains("unit 11");
        });
        assertThat(store.latest("pile-12")).isPresent();
    }

    @Test
    void anExceptionResponseIsNotRetriedAndOtherBlocksStillRead() throws Exception {
        ScriptedLink link = new ScriptedLink(clock, Duration.ofMillis(10)).failFirst(11, FailureKind.EXCEPTION_RESPONSE, 1);
        poller(link, timing(3), new Meter("pile-11", 11, TWO_BLOCKS, MeterRole.PILE)).runCycle();
        assertThat(link.requests).hasSize(2);
        assertThat(failures).extracting(PollFailure::kind).containsExactly(FailureKind.EXCEPTION_RESPONSE);
        assertThat(store.latest("pile-11").orElseThrow().values()).containsOnlyKeys("energy.import.kwh");
    }

    @Test
    void aTimedOutMeterIsNotAskedForItsOtherBlocksThatCycle() throws Exception {
        ScriptedLink link = new ScriptedLink(clock, Duration.ofMillis(10)).fail(11, FailureKind.TIMEOUT);
        poller(link, timing(0), new Meter("pile-11", 11, TWO_BLOCKS, MeterRole.PILE)).runCycle();
        assertThat(link.requests).hasSize(1);
        assertThat(store.latest("pile-11")).isEmpty();
    }

    /**
     * A meter whose phases answer but whose total is then lost (the meter gone between the two requests, silent, busy,
     * or its answer garbled): its whole reading of the cycle before stays, and ages, rather than half a reading
     * without the total replacing it (the control would see no transformer reading at all, not a stale one).
     */
    @ParameterizedTest
    @EnumSource(value = FailureKind.class, names = {"TIMEOUT", "CONNECTION", "BUSY", "GARBLED"})
    void aPollThatLosesABlockKeepsTheWholeReadingBefore(FailureKind lost) throws Exception {
        RegisterMap phasesThenTotal = new RegisterMap("test meter", "test", 0, 60, List.of(
                new RegisterPoint("current.a.a", 6, FunctionCode.READ_HOLDING_REGISTERS, DataType.UINT16, WordOrder.BIG, 1, 0),
                new RegisterPoint("power.total.kw", 0x34, FunctionCode.READ_HOLDING_REGISTERS, DataType.UINT16, WordOrder.BIG, 1, 0)));
        ScriptedLink link = new ScriptedLink(clock, Duration.ofMillis(10));
        BusPoller poller = poller(link, timing(0), new Meter("tx", 1, phasesThenTotal, MeterRole.TRANSFORMER));
        poller.runCycle();
        link.failBlock(1, 0x34, lost);
        poller.runCycle();

        assertThat(link.requests).as("the second cycle asked for both blocks (a busy one again)")
                .extracting(ScriptedLink.Request::start).startsWith(6, 0x34, 6, 0x34);
        assertThat(failures).extracting(PollFailure::kind).containsExactly(lost);
        Reading r = store.latest("tx").orElseThrow();
        assertThat(r.values()).containsEntry("power.total.kw", (double) 0x34).containsEntry("current.a.a", 6.0);
        assertThat(r.readAt()).as("the first cycle's").isEqualTo(T0);
        assertThat(readings).hasSize(1);
    }

    @Test
    void aRetrySucceedingIsAReadingNotAFailure() throws Exception {
        ScriptedLink link = new ScriptedLink(clock, Duration.ofMillis(10)).failFirst(1, FailureKind.GARBLED, 1);
        poller(link, timing(2), transformer()).runCycle();
        assertThat(failures).isEmpty();
        assertThat(readings).hasSize(1);
    }

    @Test
    void failuresNeverStopTheLoopAndAThrowingListenerIsIgnored() throws Exception {
        ScriptedLink link = new ScriptedLink(clock, Duration.ofMillis(10)).fail(11, FailureKind.GARBLED);
        BusPoller poller = BusPollers.onLink(new Bus("test", new BusEndpoint.Tcp("127.0.0.1", 502), timing(0),
                List.of(transformer(), pile(11))), link, store, new PollListener() {
                    @Override
                    public void onFailure(PollFailure f) {
                        throw new IllegalStateException("listener bug");
                    }
                }, clock, clock, clock);
        for (int i = 0; i < 5; i++) {
            poller.runCycle();
        }
        assertThat(link.requests).extracting(ScriptedLink.Request::unitId).containsExactly(1, 11, 1, 11, 1, 11, 1, 11, 1, 11);
        assertThat(store.isStale("tx", clock.now(), Duration.ofSeconds(2))).isFalse();
        poller.close();
        assertThat(link.closed).isTrue();
    }

    @Test
    void aStepBackOfTheWallClockBetweenCyclesNeitherHoldsTheNextRequestNorDropsItsReading() throws Exception {
        ScriptedLink link = new ScriptedLink(clock, Duration.ofMillis(40));
        BusPoller poller = poller(link, timing(0), transformer());
        poller.runCycle(); // reads at T0 and waits out the cycle to T0 + 1 s
        clock.step(Duration.ofHours(-1)); // then NTP steps the wall clock back an hour
        Instant stepped = T0.plusSeconds(1).minus(Duration.ofHours(1));
        poller.runCycle();
        assertThat(link.requests).extracting(ScriptedLink.Request::at).containsExactly(T0, stepped);
        assertThat(store.latest("tx").orElseThrow().readAt()).isEqualTo(stepped);
        assertThat(clock.instant()).as("the second cycle's end").isEqualTo(stepped.plusSeconds(1));
    }

    @Test
    void aStepBackOfTheWallClockWithinACycleDoesNotStretchItsWaitToAnHour() throws Exception {
        ScriptedLink link = new ScriptedLink(clock, Duration.ofMillis(40)).stepWallClockDuring(1, Duration.ofHours(-1));
        BusPoller poller = poller(link, timing(0), transformer());
        poller.runCycle();
        assertThat(clock.instant()).as("the cycle's end, a second after it began")
                .isEqualTo(T0.minus(Duration.ofHours(1)).plusSeconds(1));
    }

    /** Every wait the poller asks of its sleeper, in order (the hand-moved clock then moves by it). */
    private final List<Duration> slept = new ArrayList<>();
    private final Sleeper recordingSleeper = d -> {
        slept.add(d);
        clock.sleep(d);
    };

    private BusPoller recordingPoller(ScriptedLink link, BusTiming timing, Meter... meters) {
        return BusPollers.onLink(new Bus("test", new BusEndpoint.Tcp("127.0.0.1", 502), timing, List.of(meters)),
                link, store, listener, clock, clock, recordingSleeper);
    }

    @Test
    void aBusyMeterIsAskedAgainAfterDoublingWaitsOnThePollersSleeper() throws Exception {
        ScriptedLink link = new ScriptedLink(clock, Duration.ofMillis(10)).failFirst(1, FailureKind.BUSY, 2);
        recordingPoller(link, timing(0), transformer()).runCycle();
        assertThat(link.requests).extracting(ScriptedLink.Request::at)
                .containsExactly(T0, T0.plusMillis(10 + 50), T0.plusMillis(70 + 100));
        assertThat(slept).as("the busy retry's waits, then the rest of the cycle")
                .containsExactly(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(1000 - 180));
        assertThat(failures).isEmpty();
        assertThat(readings).hasSize(1);
    }

    @Test
    void aMeterBusyOnEveryTryFailsWithTheNumberOfRequestsSent() throws Exception {
        ScriptedLink link = new ScriptedLink(clock, Duration.ofMillis(10)).fail(1, FailureKind.BUSY);
        recordingPoller(link, timing(2), transformer()).runCycle();
        assertThat(link.requests).hasSize(4);
        assertThat(failures).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FailureKind.BUSY);
            assertThat(f.attempts()).as("the first request and the busy retry's 3").isEqualTo(4);
        });
        assertThat(slept).startsWith(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(200));
    }

    /**
     * A pile meter busy late in the cycle is asked again only while the wait and the request after it (as long as its
     * busy answer took) end within the cycle: the next cycle's transformer read is not pushed late. 150 ms an exchange,
     * 1 s cycle: the transformer 0-150, pile 11 155-305, pile 12 310-460 busy, after 50 ms 510-660 busy, after 100 ms
     * 760-910 busy; 200 ms more and its request would end at 1260, past the cycle, where the transformer is due.
     */
    @Test
    void aBusyPileLateInTheCycleIsAskedAgainOnlyWhileTheCycleHasRoomForIt() throws Exception {
        ScriptedLink link = new ScriptedLink(clock, Duration.ofMillis(150)).fail(12, FailureKind.BUSY);
        BusPoller poller = recordingPoller(link, timing(0), transformer(), pile(11), pile(12));
        poller.runCycle();
        assertThat(link.requests.stream().filter(r -> r.unitId() == 12).map(ScriptedLink.Request::at))
                .containsExactly(T0.plusMillis(310), T0.plusMillis(510), T0.plusMillis(760));
        assertThat(slept).as("gaps, the busy retry's waits that fit, the rest of the cycle").containsExactly(
                Duration.ofMillis(5), Duration.ofMillis(5), Duration.ofMillis(50), Duration.ofMillis(100),
                Duration.ofMillis(1000 - 910));
        assertThat(failures).singleElement().satisfies(f -> {
            assertThat(f.meterId()).isEqualTo("pile-12");
            assertThat(f.kind()).isEqualTo(FailureKind.BUSY);
            assertThat(f.attempts()).isEqualTo(3);
        });
        poller.runCycle();
        assertThat(link.requests.stream().filter(r -> r.unitId() == 1).map(ScriptedLink.Request::at))
                .as("the transformer read at the start of each cycle").containsExactly(T0, T0.plusMillis(1000));
    }

    /** The gateway's kind of timing on a 1 s cycle: 5 ms gap, 200 ms timeout, 2 retries after 20 and 40 ms. */
    private static final BusTiming RETRYING = new BusTiming(Duration.ofMillis(1000), Duration.ofMillis(5),
            Duration.ofMillis(200), 2, Duration.ofMillis(20), Duration.ofMillis(50));

    private List<Instant> requestsTo(ScriptedLink link, int unit) {
        return link.requests.stream().filter(r -> r.unitId() == unit).map(ScriptedLink.Request::at).toList();
    }

    /**
     * A pile meter that times out late in the cycle is not asked again past it: 150 ms an exchange, the silent pile's
     * 200 ms (its timeout). The transformer 0-150, piles 11, 12, 13 to 615, pile 14 at 620 times out at 820; a retry
     * after 20 ms could time out only at 1040, past the cycle's end, when the next transformer read is due. (Without
     * the cycle's budget its retries ran to 1280, and the next transformer read was sent at 1285.)
     */
    @Test
    void aPileTimingOutLateInTheCycleDoesNotDelayTheNextTransformerRead() throws Exception {
        ScriptedLink link = new ScriptedLink(clock, Duration.ofMillis(150)).fail(14, FailureKind.TIMEOUT)
                .takes(14, Duration.ofMillis(200));
        BusPoller poller = recordingPoller(link, RETRYING, transformer(), pile(11), pile(12), pile(13), pile(14));
        poller.runCycle();
        poller.runCycle();
        assertThat(requestsTo(link, 1)).as("the transformer read at the start of each cycle")
                .containsExactly(T0, T0.plusMillis(1000));
        assertThat(requestsTo(link, 14)).as("the silent pile: no retry past the cycle").startsWith(T0.plusMillis(620))
                .doesNotContain(T0.plusMillis(840));
        assertThat(failures).first().satisfies(f -> {
            assertThat(f.meterId()).isEqualTo("pile-14");
            assertThat(f.kind()).isEqualTo(FailureKind.TIMEOUT);
            assertThat(f.attempts()).as("requests sent: the retries had no room").isEqualTo(1);
        });
        assertThat(readings).extracting(Reading::meterId).startsWith("tx", "pile-11", "pile-12", "pile-13", "tx");
    }

    /**
     * A pile meter not read yet is begun only while the cycle has room for its gap, a timeout and the gap before the
     * transformer's request: the transformer 0-150, piles 11 to 15 to 925; pile 16 (silent) sent at 930 could time out
     * only at 1130. It waits for the next cycle, where it comes first after the transformer (its reading stale for a
     * cycle, not the transformer's late). Piles read before need room for their last read and a tenth (165 ms) and the
     * gaps: 11 to 14 follow it to 1975, pile 15 would need 175 ms more. (Without the budget pile 16 was sent at 930 and
     * the next transformer read at 1135.)
     */
    @Test
    void aPileIsBegunOnlyWhileTheCycleHasRoomForItsTimeout() throws Exception {
        ScriptedLink link = new ScriptedLink(clock, Duration.ofMillis(150)).fail(16, FailureKind.TIMEOUT)
                .takes(16, Duration.ofMillis(200));
        BusPoller poller = recordingPoller(link, timing(0), transformer(), pile(11), pile(12), pile(13), pile(14),
                pile(15), pile(16));
        poller.runCycle();
        poller.runCycle();
        assertThat(requestsTo(link, 1)).containsExactly(T0, T0.plusMillis(1000));
        assertThat(link.requests).extracting(ScriptedLink.Request::unitId)
                .containsExactly(1, 11, 12, 13, 14, 15, 1, 16, 11, 12, 13, 14);
        assertThat(requestsTo(link, 16)).containsExactly(T0.plusMillis(1155));
        assertThat(clock.instant()).as("the second cycle's end").isEqualTo(T0.plusMillis(2000));
    }

    /**
     * The cycle's budget keeps the next transformer read on time; on a bus without a transformer meter nothing is due
     * at the cycle's end, and a pile read late in it is begun and retried whole, as before: piles 11 to 16 to 925,
     * pile 17 (silent) at 930, 1150 and 1390.
     */
    @Test
    void onABusWithoutATransformerMeterALatePileIsStillBegunAndRetried() throws Exception {
        ScriptedLink link = new ScriptedLink(clock, Duration.ofMillis(150)).fail(17, FailureKind.TIMEOUT)
                .takes(17, Duration.ofMillis(200));
        recordingPoller(link, RETRYING, pile(11), pile(12), pile(13), pile(14), pile(15), pile(16), pile(17))
                .runCycle();
        assertThat(requestsTo(link, 17)).containsExactly(T0.plusMillis(930), T0.plusMillis(1150), T0.plusMillis(1390));
        assertThat(failures).singleElement().satisfies(f -> assertThat(f.attempts()).isEqualTo(3));
    }

    /** Nor is a busy pile's retry held to the cycle there: pile 17 busy at 930, asked again at 1130, 1380, 1730. */
    @Test
    void onABusWithoutATransformerMeterABusyPileGetsEveryBusyRetry() throws Exception {
        ScriptedLink link = new ScriptedLink(clock, Duration.ofMillis(150)).fail(17, FailureKind.BUSY);
        recordingPoller(link, timing(0), pile(11), pile(12), pile(13), pile(14), pile(15), pile(16), pile(17))
                .runCycle();
        assertThat(requestsTo(link, 17)).containsExactly(T0.plusMillis(930), T0.plusMillis(1130), T0.plusMillis(1380),
                T0.plusMillis(1730));
        assertThat(failures).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FailureKind.BUSY);
            assertThat(f.attempts()).isEqualTo(4);
        });
    }

    /**
     * A transformer meter whose read leaves no room to begin a pile meter (800 ms of a 1 s cycle, a pile not read yet
     * needing 210: the gap, a timeout, and the gap before the next transformer request)
     * would leave the bus's pile meters unread without a word: after 10 such cycles one WARN says so and what to do,
     * and an INFO when one is begun again (the transformer read down to 100 ms).
     */
    @Test
    void aBusWhoseTransformerReadLeavesNoRoomForPilesSaysSoOnce() throws Exception {
        ScriptedLink link = new ScriptedLink(clock, Duration.ofMillis(10)).takes(1, Duration.ofMillis(800));
        BusPoller poller = recordingPoller(link, timing(0), transformer(), pile(11), pile(12));
        try (CapturedLog log = new CapturedLog()) {
            for (int cycle = 0; cycle < 9; cycle++) {
                poller.runCycle();
            }
            assertThat(log.lines("WARN", "bus test", "no pile meter begun")).as("after 9 cycles").isEmpty();
            for (int cycle = 0; cycle < 5; cycle++) {
                poller.runCycle();
            }
            assertThat(link.requests).extracting(ScriptedLink.Request::unitId).as("14 cycles")
                    .containsOnly(1).hasSize(14);
            assertThat(log.lines("WARN", "bus test", "no pile meter begun")).singleElement().asString()
                    .contains("10 cycles of PT1S", "PT0.21S", "2 pile meters", "a bus of its own", "timeout");
            link.takes(1, Duration.ofMillis(100));
            poller.runCycle();
            assertThat(log.lines("INFO", "bus test", "pile meter begun again after 14 cycles")).hasSize(1);
        }
        assertThat(store.latest("pile-11")).isPresent();
    }

    /** The transformer meter and pile meters 11 to 19 on one bus, no gap between requests. */
    private BusPoller ninePiles(ScriptedLink link) {
        return recordingPoller(link, timing(0), transformer(), pile(11), pile(12), pile(13), pile(14), pile(15),
                pile(16), pile(17), pile(18), pile(19));
    }

    /**
     * A pile meter read before is begun with room for its last read and a tenth and the gaps (120 ms at 100 ms an
     * exchange), and its request waits no longer than is left before the gap before the next transformer read. Nine
     * piles, 100 ms an exchange: the first cycle reads 11 to 17 (a pile not read yet needs 210 ms), the second 18, 19,
     * 11 to 15 and begins pile 16, fallen silent, at 1840: its request is given the 155 ms left, not the 200 ms
     * timeout, and the next transformer read is sent at 2000. Cut short, it is not read this cycle, not failing (no
     * failure reported, its reading the first cycle's); it is begun again only with room for a whole timeout, first in
     * the fourth cycle at 3105, and fails then as any silent meter does.
     */
    @Test
    void aPileFallenSilentBegunLateIsWaitedForOnlyUntilTheTransformerReadIsDue() throws Exception {
        ScriptedLink link = new ScriptedLink(clock, Duration.ofMillis(100));
        BusPoller poller = ninePiles(link);
        poller.runCycle();
        link.fail(16, FailureKind.TIMEOUT).takes(16, Duration.ofMillis(200));
        try (CapturedLog log = new CapturedLog()) {
            poller.runCycle();
            poller.runCycle();
            poller.runCycle();
            assertThat(log.lines("WARN", "pile-16")).as("the cut no failure; the whole timeout's, its first, no WARN")
                    .isEmpty();
        }
        assertThat(requestsTo(link, 1)).as("the transformer read at the start of each cycle")
                .containsExactly(T0, T0.plusMillis(1000), T0.plusMillis(2000), T0.plusMillis(3000));
        assertThat(link.requests.stream().filter(r -> r.unitId() == 16)).extracting(ScriptedLink.Request::at,
                ScriptedLink.Request::timeout).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(T0.plusMillis(630), null),
                        org.assertj.core.groups.Tuple.tuple(T0.plusMillis(1840), Duration.ofMillis(155)),
                        org.assertj.core.groups.Tuple.tuple(T0.plusMillis(3105), null));
        assertThat(failures).singleElement().satisfies(f -> {
            assertThat(f.meterId()).isEqualTo("pile-16");
            assertThat(f.kind()).isEqualTo(FailureKind.TIMEOUT);
            assertThat(f.at()).isEqualTo(T0.plusMillis(3305));
        });
        assertThat(store.latest("pile-16").orElseThrow().readAt()).as("its request in the first cycle")
                .isEqualTo(T0.plusMillis(630));
    }

    /**
     * A Modbus TCP gateway's answer, within a cut timeout, that the unit behind it did not respond (exception 0B) is
     * the meter failing, not the cycle's end: pile 16 begun at 1840 with 155 ms left, answered 0B after 100 ms.
     */
    @Test
    void aGatewaysNoReplyWithinACutTimeoutIsAFailure() throws Exception {
        ScriptedLink link = new ScriptedLink(clock, Duration.ofMillis(100));
        BusPoller poller = ninePiles(link);
        poller.runCycle();
        link.gatewaySaysSilent(16);
        poller.runCycle();
        assertThat(link.requests.stream().filter(r -> r.unitId() == 16)).extracting(ScriptedLink.Request::at,
                ScriptedLink.Request::timeout).last().isEqualTo(
                        org.assertj.core.groups.Tuple.tuple(T0.plusMillis(1840), Duration.ofMillis(155)));
        assertThat(failures).singleElement().satisfies(f -> {
            assertThat(f.meterId()).isEqualTo("pile-16");
            assertThat(f.kind()).isEqualTo(FailureKind.TIMEOUT);
            assertThat(f.at()).isEqualTo(T0.plusMillis(1940));
        });
    }

    /**
     * On a serial port a timeout is kept in tenths of a second (RequestTimeoutTest): the silent pile begun at 1840 with
     * 155 ms left is given 100 ms, not 155, which the port would round to 200.
     */
    @Test
    void onASerialBusACutTimeoutIsWholeTenthsOfASecond() throws Exception {
        ScriptedLink link = new ScriptedLink(clock, Duration.ofMillis(100));
        List<Meter> meters = List.of(transformer(), pile(11), pile(12), pile(13), pile(14), pile(15), pile(16),
                pile(17), pile(18), pile(19));
        BusPoller poller = BusPollers.onLink(new Bus("test", new BusEndpoint.Serial("/dev/ttyUSB0", 9600, "none", 8, 1),
                timing(0), meters), link, store, listener, clock, clock, clock);
        poller.runCycle();
        link.fail(16, FailureKind.TIMEOUT).takes(16, Duration.ofMillis(200));
        poller.runCycle();
        poller.runCycle();
        assertThat(link.requests.stream().filter(r -> r.unitId() == 16)).extracting(ScriptedLink.Request::at,
                ScriptedLink.Request::timeout).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(T0.plusMillis(630), null),
                        org.assertj.core.groups.Tuple.tuple(T0.plusMillis(1840), Duration.ofMillis(100)));
        assertThat(requestsTo(link, 1)).containsExactly(T0, T0.plusMillis(1000), T0.plusMillis(2000));
        assertThat(failures).isEmpty();
    }

    /**
     * A pile meter whose read does not fit what the transformer meter leaves of a cycle (four blocks of 250 ms after
     * the transformer's 150: the fourth, at 920, is given the 75 ms left and cut short) is never read, and says so once
     * after 3 such cycles, naming the pile and what to do; INFO when it is read whole again (at 100 ms a block).
     */
    @Test
    void aPileCutShortEveryCycleSaysSoOnce() throws Exception {
        ScriptedLink link = new ScriptedLink(clock, Duration.ofMillis(150)).takes(11, Duration.ofMillis(250));
        BusPoller poller = recordingPoller(link, new BusTiming(Duration.ofMillis(1000), Duration.ofMillis(5),
                Duration.ofMillis(300), 0, Duration.ofMillis(20), Duration.ofMillis(50)), transformer(),
                new Meter("pile-11", 11, FOUR_BLOCKS, MeterRole.PILE));
        try (CapturedLog log = new CapturedLog()) {
            poller.runCycle();
            poller.runCycle();
            assertThat(log.lines("WARN", "pile-11")).as("after 2 cycles").isEmpty();
            poller.runCycle();
            poller.runCycle();
            assertThat(log.lines("WARN", "pile-11")).singleElement().asString()
                    .contains("cut short", "3 times in a row", "PT0.075S", "a bus of its own");
            link.takes(11, Duration.ofMillis(100));
            poller.runCycle();
            assertThat(log.lines("INFO", "pile-11", "read whole again after 4 cut short")).hasSize(1);
        }
        assertThat(requestsTo(link, 1)).as("the transformer read at the start of each cycle").containsExactly(T0,
                T0.plusMillis(1000), T0.plusMillis(2000), T0.plusMillis(3000), T0.plusMillis(4000));
        assertThat(failures).isEmpty();
        assertThat(readings).extracting(Reading::meterId).containsExactly("tx", "tx", "tx", "tx", "tx", "pile-11");
    }

    private static final RegisterMap FOUR_BLOCKS = new RegisterMap("test meter", "test", 0, 60, List.of(
            new RegisterPoint("a", 10, FunctionCode.READ_HOLDING_REGISTERS, DataType.UINT16, WordOrder.BIG, 1, 0),
            new RegisterPoint("b", 100, FunctionCode.READ_HOLDING_REGISTERS, DataType.UINT16, WordOrder.BIG, 1, 0),
            new RegisterPoint("c", 200, FunctionCode.READ_HOLDING_REGISTERS, DataType.UINT16, WordOrder.BIG, 1, 0),
            new RegisterPoint("d", 300, FunctionCode.READ_HOLDING_REGISTERS, DataType.UINT16, WordOrder.BIG, 1, 0)));
}
