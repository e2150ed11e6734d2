package org.orderly.gateway.field.modbus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.web.CapturedLog;

/**
 * A pile driver's request through a bus's poller ({@link BusPoller#pileRequests()}) on a bus with a transformer meter,
 * on a controlled clock: it is run in a cycle's spare time only with room for the gap, a whole timeout and the gap
 * before the next transformer read; with less left it waits for that read, which is not pushed late. A transformer
 * meter's retry leaves that room for each request that has waited a cycle, and waits for none that has not.
 */
class PileRequestRoomTest {
    private static final Instant T0 = Instant.parse("2026-01-15T19:00:00Z");
    private static final RegisterMap ONE_BLOCK = new RegisterMap("test meter", "test", 0, 60, List.of(
            new RegisterPoint("power.total.kw", 0, FunctionCode.READ_HOLDING_REGISTERS, DataType.UINT16, WordOrder.BIG, 1, 0)));
    private static final int PILE_UNIT = 7;

    private final MutableClock clock = new MutableClock(T0);

    @Test
    void aPileRequestWithoutRoomBeforeTheTransformerReadWaitsForIt() throws Exception {
        ScriptedLink link = new ScriptedLink(clock, Duration.ofMillis(40)).takes(1, Duration.ofMillis(850));
        // 1000 ms cycle, 5 ms gap, 200 ms timeout: a pile request needs 210 ms before the next transformer read
        BusTiming timing = new BusTiming(Duration.ofMillis(1000), Duration.ofMillis(5), Duration.ofMillis(200), 0,
                Duration.ofMillis(20), Duration.ofMillis(50));
        BusPoller poller = BusPollers.onLink(new Bus("chain", new BusEndpoint.Serial("/dev/null", 9600, "none", 8, 1),
                timing, List.of(new Meter("tx", 1, ONE_BLOCK, MeterRole.TRANSFORMER))), link, new LatestReadings(),
                new CollectingListener(), clock, clock, clock);
        ModbusLink piles = poller.pileRequests();
        CompletableFuture<int[]> answer = queued(piles);

        poller.runCycle(); // the transformer read ends 850 ms in: 150 ms left, less than the 210 the request needs
        assertThat(link.requests).extracting(ScriptedLink.Request::unitId).containsExactly(1);

        link.takes(1, Duration.ofMillis(40));
        poller.runCycle();
        poller.close();

        assertThat(answer.get()).containsExactly(0x200);
        assertThat(link.requests).extracting(ScriptedLink.Request::unitId).containsExactly(1, 1, PILE_UNIT);
        assertThat(link.requests).extracting(ScriptedLink.Request::at)
                .containsExactly(T0, T0.plusMillis(1000), T0.plusMillis(1045));
    }

    /**
     * A silent transformer meter on the default timing (1 s cycle, 10 ms gap, 300 ms timeout, 2 retries from 20 ms):
     * its three tries end 960 ms into each cycle, 40 ms left, and a pile's request, which needs 320 ms, would wait for
     * as long as the meter stays silent, its lease lapsing unrenewed after 10 s. Once the request has waited a cycle,
     * the meter's last retry is left out so that the request has its room: the first cycle's tries at 0, 320 and 660;
     * the second's at 1000 and 1320, the request at 1630, 1.63 s after it came, before its 2 s turn.
     */
    @Test
    void aSilentTransformerMeterLeavesRoomForAPileRequestThatHasWaitedACycle() throws Exception {
        ScriptedLink link = silentTransformerMeter();
        BusPoller poller = onTheDefaultTiming(link);
        ModbusLink piles = poller.pileRequests();
        CompletableFuture<int[]> answer = queued(piles);

        for (int cycle = 0; cycle < 12 && !answer.isDone(); cycle++) { // 12 s: past a 10 s lease
            poller.runCycle();
        }
        poller.close();

        assertThat(link.requests).as("requests sent").extracting(ScriptedLink.Request::unitId).contains(PILE_UNIT);
        assertThat(answer.get()).containsExactly(0x200);
        assertThat(link.requests).extracting(ScriptedLink.Request::unitId).containsExactly(1, 1, 1, 1, 1, PILE_UNIT);
        assertThat(link.requests).extracting(ScriptedLink.Request::at).containsExactly(T0, at(320), at(660), at(1000),
                at(1320), at(1630));
    }

    /**
     * Two piles' requests waiting behind the silent transformer meter for a cycle: its retry in the second cycle,
     * ending at 1620 ms, would leave them 380 ms, less than the 630 they need (a gap and a timeout each, and the gap
     * before the transformer read), so it gives way (the meter asked again next cycle): its try at 1000, the piles at
     * 1310 and 1360. Room kept for one request only sent the retry at 1320 and the piles at 1630 and 1680, the second
     * fitting only as the first answered at once.
     */
    @Test
    void aSilentTransformerMeterLeavesRoomForEveryPileRequestThatHasWaitedACycle() throws Exception {
        ScriptedLink link = silentTransformerMeter();
        BusPoller poller = onTheDefaultTiming(link);
        ModbusLink piles = poller.pileRequests();
        CompletableFuture<int[]> first = queued(piles, PILE_UNIT);
        CompletableFuture<int[]> second = queued(piles, PILE_UNIT + 1);

        poller.runCycle();
        poller.runCycle();
        poller.close();

        assertThat(link.requests).extracting(ScriptedLink.Request::unitId)
                .containsExactly(1, 1, 1, 1, PILE_UNIT, PILE_UNIT + 1);
        assertThat(link.requests).extracting(ScriptedLink.Request::at)
                .containsExactly(T0, at(320), at(660), at(1000), at(1310), at(1360));
        assertThat(first.get()).containsExactly(0x200);
        assertThat(second.get()).containsExactly(0x200);
    }

    /**
     * The gateway's timing (500 ms cycle, 10 ms gap, 300 ms timeout, 2 retries from 20 ms), a transformer meter
     * answering in 40 ms, once garbled, and a pile's request that came 450 ms before the cycle (in the last room of the
     * one before, as Modbus piles reading their status every second keep one waiting): the garbled answer is asked
     * again at 510 ms and answered at 550, this cycle's reading published, nothing failed, nothing said; the request
     * runs at 560. Giving way to it left the meter failed after 1 attempt, a WARN, and the control a reading a cycle
     * old.
     */
    @Test
    void aGarbledTransformerAnswerIsRetriedInTheCycleWhileThePileRequestsHaveWaitedLessThanACycle() throws Exception {
        OnceGarbled bus = onceGarbledWithARequestThatCame(Duration.ofMillis(450));

        try (CapturedLog log = new CapturedLog()) {
            bus.poller().runCycle();
            bus.poller().close();
            assertThat(log.lines("WARN")).as(log.text()).isEmpty();
        }

        assertThat(bus.listener().failures).isEmpty();
        assertThat(bus.link().requests).extracting(ScriptedLink.Request::unitId).containsExactly(1, 1, PILE_UNIT);
        assertThat(bus.link().requests).extracting(ScriptedLink.Request::at).containsExactly(at(450), at(510), at(560));
        assertThat(bus.store().latest("tx")).hasValueSatisfying(r -> assertThat(r.readAt()).isEqualTo(at(450)));
        assertThat(bus.answer().get()).containsExactly(0x200);
    }

    /**
     * The same, the request having come 460 ms before the cycle: when the garbled answer comes it has waited the
     * 500 ms cycle, so the retry gives way to it (the request at 510), the meter reported failed after 1 attempt and
     * read again next cycle: a request passed over is not kept waiting a cycle more by a retry.
     */
    @Test
    void aPileRequestThatHasWaitedACycleRunsBeforeAGarbledTransformerAnswerIsAskedAgain() throws Exception {
        OnceGarbled bus = onceGarbledWithARequestThatCame(Duration.ofMillis(460));

        bus.poller().runCycle();
        assertThat(bus.answer().get()).containsExactly(0x200);
        bus.poller().runCycle();
        bus.poller().close();

        assertThat(bus.listener().failures).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FailureKind.GARBLED);
            assertThat(f.attempts()).isEqualTo(1);
        });
        assertThat(bus.link().requests).extracting(ScriptedLink.Request::unitId).containsExactly(1, PILE_UNIT, 1);
        assertThat(bus.link().requests).extracting(ScriptedLink.Request::at).containsExactly(at(460), at(510), at(960));
        assertThat(bus.store().latest("tx")).hasValueSatisfying(r -> assertThat(r.readAt()).isEqualTo(at(960)));
    }

    /**
     * A serial bus with the transformer meter alone on the gateway's timing (500 ms cycle, 300 ms timeout), the meter
     * answering in 40 ms, its first answer garbled (a CRC error), and a pile's request queued {@code before} the
     * poller's first cycle, which begins then.
     */
    private OnceGarbled onceGarbledWithARequestThatCame(Duration before) {
        ScriptedLink link = new ScriptedLink(clock, Duration.ofMillis(40)).failFirst(1, FailureKind.GARBLED, 1);
        LatestReadings store = new LatestReadings();
        CollectingListener listener = new CollectingListener();
        BusTiming timing = new BusTiming(Duration.ofMillis(500), Duration.ofMillis(10), Duration.ofMillis(300), 2,
                Duration.ofMillis(20), Duration.ofMillis(200));
        BusPoller poller = BusPollers.onLink(new Bus("chain", new BusEndpoint.Serial("/dev/null", 9600, "none", 8, 1),
                timing, List.of(new Meter("tx", 1, ONE_BLOCK, MeterRole.TRANSFORMER))), link, store, listener, clock,
                clock, clock);
        CompletableFuture<int[]> answer = queued(poller.pileRequests());
        clock.advance(before);
        return new OnceGarbled(link, store, listener, poller, answer);
    }

    /**
     * What {@link #onceGarbledWithARequestThatCame} set up: the link, the readings, the failures, the pile's answer.
     */
    private record OnceGarbled(ScriptedLink link, LatestReadings store, CollectingListener listener, BusPoller poller,
                               CompletableFuture<int[]> answer) {
    }

    private static Instant at(long millis) {
        return T0.plusMillis(millis);
    }

    /** A link whose transformer meter (unit 1) never answers, each try its whole 300 ms timeout; piles in 40 ms. */
    private ScriptedLink silentTransformerMeter() {
        return new ScriptedLink(clock, Duration.ofMillis(40)).fail(1, FailureKind.TIMEOUT).takes(1, Duration.ofMillis(300));
    }

    /** A serial bus's poller with the transformer meter alone on the RS-485 defaults (BusTiming.defaults()). */
    private BusPoller onTheDefaultTiming(ScriptedLink link) {
        return BusPollers.onLink(new Bus("chain", new BusEndpoint.Serial("/dev/null", 9600, "none", 8, 1),
                BusTiming.defaults(), List.of(new Meter("tx", 1, ONE_BLOCK, MeterRole.TRANSFORMER))), link,
                new LatestReadings(), new CollectingListener(), clock, clock, clock);
    }

    private static CompletableFuture<int[]> queued(ModbusLink piles) {
        return queued(piles, PILE_UNIT);
    }

    /** A driver's read of pile {@code unit}, on a thread of its own, once it is queued: the event, not a time. */
    private static CompletableFuture<int[]> queued(ModbusLink piles, int unit) {
        int before = ((PileRequests) piles).waitingNow().size();
        CompletableFuture<int[]> answer = CompletableFuture.supplyAsync(() -> {
            try {
                return piles.read(unit, FunctionCode.READ_HOLDING_REGISTERS, 0x200, 1);
            } catch (FieldReadException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        while (((PileRequests) piles).waitingNow().size() == before) {
            Thread.onSpinWait();
        }
        return answer;
    }
}
