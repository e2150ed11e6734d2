package org.orderly.gateway.field.modbus;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.field.UnreliableMeters;
import org.orderly.gateway.store.Store;
import org.orderly.gateway.store.StoreSettings;
import org.orderly.gateway.web.CapturedLog;
import org.orderly.gateway.web.alarm.Alarm;
import org.orderly.gateway.web.alarm.AlarmBoard;
import org.orderly.gateway.web.alarm.AlarmKind;
import org.orderly.gateway.web.alarm.UnreliableMeterAlarms;

/**
 * What the poller's log says of a transformer meter failing, on a controlled clock: a poll lost between good ones (a
 * CRC error on RS-485 that no retry had room for) is no WARN, only the listener's failure; a meter whose polls fail
 * {@link org.orderly.gateway.field.MeterFailureLog#WARN_AFTER} in a row is one WARN, and one INFO when it answers
 * again.
 */
class MeterFailureLogTest {
    private static final Instant T0 = Instant.parse("2026-01-15T19:00:00Z");
    private static final RegisterMap ONE_BLOCK = new RegisterMap("test meter", "test", 0, 60, List.of(
            new RegisterPoint("power.total.kw", 0, FunctionCode.READ_HOLDING_REGISTERS, DataType.UINT16, WordOrder.BIG,
                    1, 0)));
    /** 500 ms cycle, 5 ms gap, 200 ms timeout, no retries: each failed poll is one failed request. */
    private static final BusTiming NO_RETRIES = new BusTiming(Duration.ofMillis(500), Duration.ofMillis(5),
            Duration.ofMillis(200), 0, Duration.ofMillis(20), Duration.ofMillis(50));

    private final MutableClock clock = new MutableClock(T0);
    private final CollectingListener listener = new CollectingListener();
    /** The transformer meter, unit 1, answering in 40 ms but as each test scripts it. */
    private final ScriptedLink link = new ScriptedLink(clock, Duration.ofMillis(40));

    /**
     * A garbled answer in the first cycle, two good cycles, then two garbled in a row and a good one: each failure
     * reported to the listener, none a WARN, and no INFO of the meter answering again.
     */
    @Test
    void failedPollsBetweenGoodOnesAreNoWarn() throws Exception {
        BusPoller poller = transformerMeterAlone(ONE_BLOCK);
        link.failFirst(1, FailureKind.GARBLED, 1);
        try (CapturedLog log = new CapturedLog()) {
            cycles(poller, 3);
            link.failFirst(1, FailureKind.GARBLED, 2);
            cycles(poller, 3);
            poller.close();

            assertThat(log.lines("WARN")).as(log.text()).isEmpty();
            assertThat(log.lines("INFO", "meter tx")).isEmpty();
        }
        assertThat(listener.failures).extracting(PollFailure::kind).containsExactly(FailureKind.GARBLED,
                FailureKind.GARBLED, FailureKind.GARBLED);
        assertThat(listener.readings).hasSize(3);
    }

    /**
     * A meter silent for five cycles, then answering: one WARN at the third failed poll, with its last failure and how
     * many polls failed, nothing more while it stays silent, and one INFO when it answers.
     */
    @Test
    void aMeterWhosePollsFailThreeInARowIsOneWarnAndOneInfoWhenItAnswers() throws Exception {
        link.failFirst(1, FailureKind.TIMEOUT, 5);
        BusPoller poller = transformerMeterAlone(ONE_BLOCK);
        try (CapturedLog log = new CapturedLog()) {
            cycles(poller, 2);
            assertThat(log.lines("WARN")).as("after 2 failed polls: %s", log.text()).isEmpty();
            cycles(poller, 4);
            poller.close();

            assertThat(theOneWarn(log)).endsWith("bus chain: meter tx (unit 1) fc3 0x0000+1 failed after 1 attempt:"
                    + " TIMEOUT: scripted unit 1; its last 3 polls all failed");
            assertThat(log.lines("INFO", "meter tx")).singleElement().asString()
                    .endsWith("bus chain: meter tx (unit 1) answering again after TIMEOUT");
        }
        assertThat(listener.failures).hasSize(5);
        assertThat(listener.readings).hasSize(1);
    }

    /**
     * A meter whose second block is refused every poll (an exception response: a register its map has and it has not),
     * the first read: each poll publishes what was read and is one failure, one WARN at the third, and no INFO of it
     * answering again, as it never answers whole. Until 2026-12-04 each poll was a WARN and an INFO.
     */
    @Test
    void aMeterWithABlockFailingEveryPollIsOneWarn() throws Exception {
        link.failBlock(1, 0x100, FailureKind.EXCEPTION_RESPONSE);
        RegisterMap twoBlocks = new RegisterMap("test meter", "test", 0, 60, List.of(
                point("power.total.kw", 0x000), point("voltage.a.v", 0x100)));
        BusPoller poller = transformerMeterAlone(twoBlocks);
        try (CapturedLog log = new CapturedLog()) {
            cycles(poller, 6);
            poller.close();

            assertThat(theOneWarn(log)).endsWith("bus chain: meter tx (unit 1) fc3 0x0100+1 failed after 1 attempt:"
                    + " EXCEPTION_RESPONSE: scripted unit 1 register 256; its last 3 polls all failed");
            assertThat(log.lines("INFO", "meter tx")).isEmpty();
        }
        assertThat(listener.failures).hasSize(6);
        assertThat(listener.readings).hasSize(6)
                .allSatisfy(r -> assertThat(r.values()).containsOnlyKeys("power.total.kw"));
    }

    /**
     * A meter garbling every other poll for 10 minutes and one cycle (a badly terminated line), never 3 in a row: one
     * WARN naming it, how many polls of how many failed and how, and what to see to on the line. Until 2026-12-04 it
     * was DEBUG only.
     */
    @Test
    void aMeterFailingEveryOtherPollIsOneWarnAfterTenMinutes() throws Exception {
        BusPoller poller = transformerMeterAlone(ONE_BLOCK);
        try (CapturedLog log = new CapturedLog()) {
            for (int cycle = 0; cycle <= 1200; cycle++) {
                if (cycle % 2 == 1) {
                    link.failFirst(1, FailureKind.GARBLED, 1);
                }
                poller.runCycle();
            }
            poller.close();

            assertThat(theOneWarn(log)).contains("bus chain: meter tx (unit 1) failed 600 of 1200 polls in the last"
                    + " 10 min (GARBLED 600), one in 20 or more, which no sound RS-485 line loses: check the line's"
                    + " termination");
        }
        assertThat(listener.failures).hasSize(600);
    }

    /**
     * The same meter through the poller to the page's alarm board, as the running gateway wires it: every other poll
     * garbled for a window is {@code METER_UNRELIABLE} naming the meter and its share, one in four the next window the
     * same alarm with the new share, a clean window clears it. Until 2026-12-04 the running gateway's pollers told no
     * one (PollListener.NONE) and no alarm had a kind for it.
     */
    @Test
    void aMeterFailingOftenIsAnAlarmOnTheBoardUntilAWholeWindowIsUnder(@TempDir Path dir) throws Exception {
        UnreliableMeters unreliable = new UnreliableMeters();
        BusPoller poller = transformerMeterAlone(ONE_BLOCK, unreliable);
        try (Store store = Store.open(StoreSettings.of(dir.resolve("s.db"), 30), Clock.systemUTC())) {
            AlarmBoard board = new AlarmBoard(store, clock);
            cycles(poller, 0, 1200, c -> c % 2 == 1);
            board.update(UnreliableMeterAlarms.conditions(unreliable.now(), "gw"), clock.instant());
            Alarm raised = onlyAlarm(board);
            assertThat(raised.kind()).isEqualTo(AlarmKind.METER_UNRELIABLE);
            assertThat(raised.detail()).isEqualTo("tx: 600 of 1200 polls failed in 10 min");
            assertThat(raised.clearedAt()).isNull();

            cycles(poller, 1201, 2400, c -> c % 4 == 1);
            board.update(UnreliableMeterAlarms.conditions(unreliable.now(), "gw"), clock.instant());
            assertThat(onlyAlarm(board)).as("the same alarm, its share moved")
                    .extracting(Alarm::id, Alarm::detail, Alarm::clearedAt)
                    .containsExactly(raised.id(), "tx: 300 of 1200 polls failed in 10 min", null);

            cycles(poller, 2401, 3599, c -> false);
            board.update(UnreliableMeterAlarms.conditions(unreliable.now(), "gw"), clock.instant());
            assertThat(onlyAlarm(board).clearedAt()).as("the clean window not over yet").isNull();
            cycles(poller, 3600, 3600, c -> false);
            board.update(UnreliableMeterAlarms.conditions(unreliable.now(), "gw"), clock.instant());
            assertThat(onlyAlarm(board).clearedAt()).as("cleared once a whole window is under").isNotNull();
            poller.close();
        }
    }

    /**
     * The same, the meter then silent (every poll timing out): through the poller, the alarm's condition (which the
     * board updates in place, as above) has the silent window's share, every poll failed. Until 2026-12-04 a window
     * with no poll answered was no verdict and the alarm kept {@code tx: 600 of 1200} for as long as the meter was
     * silent.
     */
    @Test
    void aMeterFailingOftenThenSilentHasItsAlarmSayEveryPollFailed() throws Exception {
        UnreliableMeters unreliable = new UnreliableMeters();
        BusPoller poller = transformerMeterAlone(ONE_BLOCK, unreliable);
        cycles(poller, 0, 1199, c -> c % 2 == 1);
        link.failFirst(1, FailureKind.TIMEOUT, Integer.MAX_VALUE);
        cycles(poller, 1200, 2400, c -> false);
        poller.close();

        assertThat(UnreliableMeterAlarms.conditions(unreliable.now(), "gw")).containsExactly(new AlarmBoard.Condition(
                AlarmKind.METER_UNRELIABLE, "gw", "tx: 1200 of 1200 polls failed in 10 min"));
    }

    /**
     * A meter over Modbus TCP (a bus with a {@code tcp:} endpoint) failing every other poll: the WARN names what fails
     * on that path, not the RS-485 line's termination and wires. Until 2026-12-04 it said "which no sound RS-485 line
     * loses" and the termination whatever the bus.
     */
    @Test
    void aMeterOverModbusTcpFailingOftenIsToldToCheckTheNetworkAndTheConverter() throws Exception {
        BusPoller poller = BusPollers.onLink(new Bus("tcp-room", new BusEndpoint.Tcp("127.0.0.1", 5020), NO_RETRIES,
                List.of(new Meter("tx", 1, ONE_BLOCK, MeterRole.TRANSFORMER))), link, new LatestReadings(), listener,
                clock, clock, clock);
        try (CapturedLog log = new CapturedLog()) {
            cycles(poller, 0, 1200, c -> c % 2 == 1);
            poller.close();

            assertThat(theOneWarn(log)).endsWith("bus tcp-room: meter tx (unit 1) failed 600 of 1200 polls in the last"
                    + " 10 min (GARBLED 600), one in 20 or more, which no sound network path loses: check the network"
                    + " to the meter or its RS-485-to-Ethernet converter (cables, switches, a radio or cellular link:"
                    + " ping it for lost or slow replies), the converter and the RS-485 line behind it, that no other"
                    + " client holds the converter's connection (many serve one at a time), and that the bus's"
                    + " timing.timeoutMs covers the path's round trip");
        }
    }

    /** Cycles {@code from} to {@code to} (both run), the meter garbling its poll in those {@code garbled} says. */
    private void cycles(BusPoller poller, int from, int to, IntPredicate garbled) throws InterruptedException {
        for (int cycle = from; cycle <= to; cycle++) {
            if (garbled.test(cycle)) {
                link.failFirst(1, FailureKind.GARBLED, 1);
            }
            poller.runCycle();
        }
    }

    private static Alarm onlyAlarm(AlarmBoard board) {
        List<Alarm> all = board.list();
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    private static RegisterPoint point(String quantity, int address) {
        return new RegisterPoint(quantity, address, FunctionCode.READ_HOLDING_REGISTERS, DataType.UINT16, WordOrder.BIG,
                1, 0);
    }

    private BusPoller transformerMeterAlone(RegisterMap map) {
        return transformerMeterAlone(map, listener);
    }

    private BusPoller transformerMeterAlone(RegisterMap map, PollListener told) {
        return BusPollers.onLink(new Bus("chain", new BusEndpoint.Serial("/dev/null", 9600, "none", 8, 1), NO_RETRIES,
                List.of(new Meter("tx", 1, map, MeterRole.TRANSFORMER))), link, new LatestReadings(), told,
                clock, clock, clock);
    }

    private static void cycles(BusPoller poller, int n) throws InterruptedException {
        for (int cycle = 0; cycle < n; cycle++) {
            poller.runCycle();
        }
    }

    /** The one WARN logged, failing with all that was logged when there is none or more. */
    private static String theOneWarn(CapturedLog log) {
        List<String> warns = log.lines("WARN");
        assertThat(warns).as(log.text()).hasSize(1);
        return warns.get(0);
    }
}
