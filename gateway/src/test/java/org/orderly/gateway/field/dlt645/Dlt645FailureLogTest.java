package org.orderly.gateway.field.dlt645;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.field.SerialPortNotOpened;
import org.orderly.gateway.field.SlowAnswer;
import org.orderly.gateway.field.UnreliableMeters;
import org.orderly.gateway.field.modbus.BusTiming;
import org.orderly.gateway.field.modbus.FailureCounts;
import org.orderly.gateway.field.modbus.FailureKind;
import org.orderly.gateway.field.modbus.LatestReadings;
import org.orderly.gateway.field.modbus.MeterRole;
import org.orderly.gateway.field.modbus.MutableClock;
import org.orderly.gateway.field.modbus.PollFailure;
import org.orderly.gateway.field.modbus.PollListener;
import org.orderly.gateway.field.modbus.Reading;
import org.orderly.gateway.store.Store;
import org.orderly.gateway.store.StoreSettings;
import org.orderly.gateway.web.CapturedLog;
import org.orderly.gateway.web.alarm.Alarm;
import org.orderly.gateway.web.alarm.AlarmBoard;
import org.orderly.gateway.web.alarm.AlarmKind;
import org.orderly.gateway.web.alarm.UnreliableMeterAlarms;

/**
 * What the DL/T 645 poller's log says of a transformer meter failing, as the Modbus poller's does
 * ({@code MeterFailureLogTest}), on a scripted line and hand-moved time: a poll lost between good ones (one garbled
 * frame on RS-485) is no WARN, only counted; a meter whose polls fail three in a row is one WARN, and one INFO when it
 * answers again; a port that will not open is a WARN at once; a poll that loses an identifier publishes nothing.
 * Until 2026-12-04 the first failure was a WARN and the next answer an INFO, whatever came between.
 */
class Dlt645FailureLogTest {
    private static final Instant T0 = Instant.parse("2026-12-04T17:00:00Z");
    /** 1 s cycle, 5 ms gap, 600 ms timeout, no retries: each garbled reply is one failed poll. */
    private static final BusTiming NO_RETRIES = new BusTiming(Duration.ofSeconds(1), Duration.ofMillis(5),
            Duration.ofMillis(600), 0, Duration.ofMillis(10), Duration.ofMillis(10));

    private final MutableClock time = new MutableClock(T0);
    /** The transformer meter, answering each request in 300 ms of the hand-moved time, but as each test scripts it. */
    private final ScriptedLine line = new ScriptedLine(time, Duration.ofMillis(300),
            Map.of(DataId.POWER_TOTAL, 4.25, DataId.CURRENT_A, 60.0));
    private final List<Reading> readings = new ArrayList<>();
    /** Every failure the poller told its listener of, by kind. */
    private final FailureCounts counts = new FailureCounts();
    private final PollListener listener = new PollListener() {
        @Override
        public void onReading(Reading reading) {
            readings.add(reading);
        }

        @Override
        public void onFailure(PollFailure failure) {
            counts.onFailure(failure);
        }
    };

    /**
     * A garbled reply in the first cycle, two good cycles, then two garbled in a row and a good one: each failure
     * counted, none a WARN, and no INFO of the meter answering again.
     */
    @Test
    void failedPollsBetweenGoodOnesAreNoWarn() throws Exception {
        Dlt645Poller poller = transformerMeterAlone(List.of(DataId.POWER_TOTAL));
        line.garbleNext(1);
        try (CapturedLog log = new CapturedLog()) {
            cycles(poller, 3);
            line.garbleNext(2);
            cycles(poller, 3);
            poller.close();

            assertThat(log.lines("WARN")).as(log.text()).isEmpty();
            assertThat(log.lines("INFO", "meter tx")).isEmpty();
        }
        assertThat(counts.failures("tx")).isEqualTo(Map.of(FailureKind.GARBLED, 3L));
        assertThat(readings).hasSize(3);
    }

    /**
     * A meter garbling five polls in a row, then answering: one WARN at the third failed poll, with its last failure
     * and how many polls failed, nothing more while it goes on, and one INFO when it answers.
     */
    @Test
    void aMeterWhosePollsFailThreeInARowIsOneWarnAndOneInfoWhenItAnswers() throws Exception {
        Dlt645Poller poller = transformerMeterAlone(List.of(DataId.POWER_TOTAL));
        line.garbleNext(5);
        try (CapturedLog log = new CapturedLog()) {
            cycles(poller, 2);
            assertThat(log.lines("WARN")).as("after 2 failed polls: %s", log.text()).isEmpty();
            cycles(poller, 4);
            poller.close();

            assertThat(log.lines("WARN")).as(log.text()).singleElement().asString()
                    .contains("DL/T 645 line room-645: meter tx failed: GARBLED: scripted line meter"
                        + " 000000000042 DI 02030000 (power.total.kw): checksum ").endsWith("; its last 3 polls all failed");
            assertThat(log.lines("INFO", "meter tx")).singleElement().asString()
                    .endsWith("DL/T 645 line room-645: meter tx answering again after GARBLED");
        }
        assertThat(counts.failures("tx")).isEqualTo(Map.of(FailureKind.GARBLED, 5L));
        assertThat(readings).hasSize(1);
    }

    /**
     * A poll that loses one identifier to a fault (its total's reply garbled) publishes nothing: the meter's whole
     * reading before stays, and ages, rather than half a reading replacing it. Until 2026-12-04 it published the
     * phase's current alone, and the control saw no transformer reading at all.
     */
    @Test
    void aPollWhoseTotalIsGarbledKeepsTheWholeReadingBefore() throws Exception {
        LatestReadings store = new LatestReadings();
        Dlt645Meter meter = new Dlt645Meter("tx", MeterAddress.parse("42"), MeterRole.TRANSFORMER,
                List.of(DataId.POWER_TOTAL, DataId.CURRENT_A));
        Dlt645Poller poller = Dlt645Pollers.onSerialPort("room-645", () -> line, NO_RETRIES, List.of(meter), store, listener,
                time, time, time);
        poller.runCycle();
        line.garbleNext(1);
        poller.runCycle();
        poller.close();

        assertThat(line.sent).as("the second poll asked for both").hasSize(4);
        Reading r = store.latest("tx").orElseThrow();
        assertThat(r.values()).containsEntry("power.total.kw", 4.25).containsEntry("current.a.a", 60.0);
        assertThat(r.readAt()).as("the first cycle's").isEqualTo(T0);
        assertThat(readings).hasSize(1);
    }

    /**
     * A meter refusing one identifier every poll (no such data: a quantity configured that it does not have), the
     * other read: each poll publishes what was read and counts one failure, one WARN at the third, and no INFO of it
     * answering again, as it never answers whole. Until 2026-12-04 each poll was a WARN and an INFO.
     */
    @Test
    void aMeterRefusingAnIdentifierEveryPollIsOneWarn() throws Exception {
        line.refuse(DataId.CURRENT_A);
        Dlt645Poller poller = transformerMeterAlone(List.of(DataId.POWER_TOTAL, DataId.CURRENT_A));
        try (CapturedLog log = new CapturedLog()) {
            cycles(poller, 6);
            poller.close();

            assertThat(log.lines("WARN")).as(log.text()).singleElement().asString()
                    .endsWith("DL/T 645 line room-645: meter tx failed: EXCEPTION_RESPONSE: scripted"
                        + " line meter 000000000042 DI 02020100 (current.a.a): the meter refused, error byte 02: no such data"
                        + " (the meter does not know this identifier); its last 3 polls all failed");
            assertThat(log.lines("INFO", "meter tx")).isEmpty();
        }
        assertThat(counts.failures("tx")).isEqualTo(Map.of(FailureKind.EXCEPTION_RESPONSE, 6L));
        assertThat(readings).hasSize(6).allSatisfy(r -> assertThat(r.values()).containsOnlyKeys("power.total.kw"));
    }

    /**
     * A port there but refused for two cycles (its permissions being put right), then opened: no noise to wait out but
     * a setting to see to, so one WARN at the first failed poll, in the commissioning commands' words, and one INFO
     * when the meter is read.
     */
    @Test
    void aPortThatWillNotOpenIsOneWarnAtOnceAndOneInfoWhenTheMeterIsRead() throws Exception {
        int[] opens = {0};
        Dlt645Meter meter = new Dlt645Meter("tx", MeterAddress.parse("42"), MeterRole.TRANSFORMER,
                List.of(DataId.POWER_TOTAL));
        Dlt645Poller poller = Dlt645Pollers.onSerialPort("room-645", () -> {
            if (++opens[0] <= 2) {
                throw new SerialPortNotOpened("/dev/ttyUSB1", 13);
            }
            return line;
        }, NO_RETRIES, List.of(meter), new LatestReadings(), listener, time, time, time);
        try (CapturedLog log = new CapturedLog()) {
            cycles(poller, 1);
            assertThat(log.lines("WARN")).as(log.text()).singleElement().asString()
                    .contains("DL/T 645 line room-645: meter tx not read: serial port /dev/ttyUSB1 is there but cannot be"
                            + " opened (error 13: ").endsWith("; the port is tried again each cycle");
            cycles(poller, 2);
            poller.close();

            assertThat(log.lines("WARN")).as(log.text()).hasSize(1);
            assertThat(log.lines("INFO", "meter tx")).singleElement().asString()
                    .endsWith("DL/T 645 line room-645: meter tx answering again after CONNECTION");
        }
        assertThat(counts.failures("tx")).isEqualTo(Map.of(FailureKind.CONNECTION, 2L));
        assertThat(readings).hasSize(1);
    }

    /**
     * A meter garbling every other poll for 10 minutes and one cycle (a badly terminated line), never 3 in a row: one
     * WARN naming it, how many polls of how many failed and how, and what to see to on the line. Until 2026-12-04 it
     * was DEBUG only.
     */
    @Test
    void aMeterFailingEveryOtherPollIsOneWarnAfterTenMinutes() throws Exception {
        Dlt645Poller poller = transformerMeterAlone(List.of(DataId.POWER_TOTAL));
        try (CapturedLog log = new CapturedLog()) {
            for (int cycle = 0; cycle <= 600; cycle++) {
                if (cycle % 2 == 1) {
                    line.garbleNext(1);
                }
                poller.runCycle();
            }
            poller.close();

            assertThat(log.lines("WARN")).as(log.text()).singleElement().asString()
                    .contains("DL/T 645 line room-645: meter tx failed 300 of 600 polls in the last 10 min (GARBLED"
                            + " 300), one in 20 or more, which no sound RS-485 line loses: check the line's termination");
        }
        assertThat(counts.failures("tx")).isEqualTo(Map.of(FailureKind.GARBLED, 300L));
    }

    /**
     * The same meter through the poller to the page's alarm board, as the running gateway wires it: every other poll
     * garbled for a window is {@code METER_UNRELIABLE} naming the meter and its share; a clean window clears it. Until
     * 2026-12-04 the running gateway's pollers told no one (PollListener.NONE) and no alarm had a kind for it.
     */
    @Test
    void aMeterFailingOftenIsAnAlarmOnTheBoardUntilAWholeWindowIsUnder(@TempDir Path dir) throws Exception {
        UnreliableMeters unreliable = new UnreliableMeters();
        Dlt645Meter meter = new Dlt645Meter("tx", MeterAddress.parse("42"), MeterRole.TRANSFORMER,
                List.of(DataId.POWER_TOTAL));
        Dlt645Poller poller = Dlt645Pollers.onSerialPort("room-645", () -> line, NO_RETRIES, List.of(meter), new LatestReadings(),
                unreliable, time, time, time);
        try (Store store = Store.open(StoreSettings.of(dir.resolve("s.db"), 30), Clock.systemUTC())) {
            AlarmBoard board = new AlarmBoard(store, time);
            garblingEveryOtherPoll(poller, 600);
            board.update(UnreliableMeterAlarms.conditions(unreliable.now(), "gw"), time.instant());
            assertThat(board.list()).singleElement().extracting(Alarm::kind, Alarm::detail, Alarm::clearedAt)
                    .containsExactly(AlarmKind.METER_UNRELIABLE, "tx: 300 of 600 polls failed in 10 min", null);

            cycles(poller, 600);
            board.update(UnreliableMeterAlarms.conditions(unreliable.now(), "gw"), time.instant());
            assertThat(board.list()).singleElement().extracting(Alarm::clearedAt).as("cleared after a clean window")
                    .isNotNull();
            poller.close();
        }
    }

    /**
     * A meter said to fail often whose port then will not open (the adapter unplugged): its polls fail as the port's,
     * said at once and not counted, so no poll reaches it; its alarm is cleared at the end of the first whole window
     * with none, INFO saying why, its share no longer known. Until 2026-12-04 it stood with its last share, {@code tx:
     * 300 of 600 polls failed in 10 min}, for as long as the port stayed shut.
     */
    @Test
    void aMeterFailingOftenWhosePortWillNotOpenHasItsAlarmClearedAWindowOn(@TempDir Path dir) throws Exception {
        UnreliableMeters unreliable = new UnreliableMeters();
        boolean[] unplugged = {false};
        SerialLine adapter = new ForwardingLine(line) {
            @Override
            public void write(byte[] bytes) throws IOException {
                if (unplugged[0]) {
                    throw new IOException("scripted: the adapter unplugged");
                }
                super.write(bytes);
            }

            @Override
            public void close() {
            }
        };
        Dlt645Meter meter = new Dlt645Meter("tx", MeterAddress.parse("42"), MeterRole.TRANSFORMER,
                List.of(DataId.POWER_TOTAL));
        Dlt645Poller poller = Dlt645Pollers.onSerialPort("room-645", () -> {
            if (unplugged[0]) {
                throw new SerialPortNotOpened("/dev/ttyUSB1", 2);
            }
            return adapter;
        }, NO_RETRIES, List.of(meter), new LatestReadings(), unreliable, time, time, time);
        try (Store store = Store.open(StoreSettings.of(dir.resolve("s.db"), 30), Clock.systemUTC());
             CapturedLog log = new CapturedLog()) {
            AlarmBoard board = new AlarmBoard(store, time);
            garblingEveryOtherPoll(poller, 600);
            board.update(UnreliableMeterAlarms.conditions(unreliable.now(), "gw"), time.instant());
            assertThat(board.list()).singleElement().extracting(Alarm::detail)
                    .isEqualTo("tx: 300 of 600 polls failed in 10 min");

            unplugged[0] = true;
            // the window after the one judged began with the poll of cycle 600, when that poll began
            cycles(poller, 1199);
            board.update(UnreliableMeterAlarms.conditions(unreliable.now(), "gw"), time.instant());
            assertThat(board.list()).singleElement().extracting(Alarm::clearedAt).as("a whole window not over yet")
                    .isNull();
            cycles(poller, 1);
            board.update(UnreliableMeterAlarms.conditions(unreliable.now(), "gw"), time.instant());
            poller.close();

            assertThat(board.list()).singleElement().extracting(Alarm::clearedAt).as(log.text()).isNotNull();
            assertThat(log.lines("INFO", "reached by no poll")).singleElement().asString().endsWith("DL/T 645 line"
                    + " room-645: meter tx reached by no poll in the last 10 min, how often it fails no longer known;"
                    + " judged afresh once a poll reaches it");
        }
    }

    private Dlt645Poller transformerMeterAlone(List<DataId> reads) {
        Dlt645Meter meter = new Dlt645Meter("tx", MeterAddress.parse("42"), MeterRole.TRANSFORMER, reads);
        return Dlt645Pollers.onSerialPort("room-645", () -> line, NO_RETRIES, List.of(meter), new LatestReadings(), listener, time,
                time, time);
    }

    /** Cycles 0 to {@code last} (both run), every odd one's reply garbled. */
    private void garblingEveryOtherPoll(Dlt645Poller poller, int last) throws InterruptedException {
        for (int cycle = 0; cycle <= last; cycle++) {
            if (cycle % 2 == 1) {
                line.garbleNext(1);
            }
            poller.runCycle();
        }
    }

    private static void cycles(Dlt645Poller poller, int n) throws InterruptedException {
        for (int cycle = 0; cycle < n; cycle++) {
            poller.runCycle();
        }
    }

    /**
     * A meter answering, then silent: each poll's request waits out the 600 ms timeout on the poller's ticker (the
     * client's deadline is the poller's, not System.nanoTime), and at the third failed poll the page's
     * {@code METER_UNRELIABLE}, {@code tx: 3 of 3 polls failed in 1 min}, its WARN's ask given longer waited out on the
     * ticker too; cleared when it answers. Until 2026-12-04 the
     * client measured its deadline on the JVM's clock, which a test moving the poller's ticker could not drive.
     */
    @Test
    void aSilentMetersPollsWaitOutTheTimeoutOnTheTickerAndReachThePage() throws Exception {
        UnreliableMeters unreliable = new UnreliableMeters();
        Dlt645Meter meter = new Dlt645Meter("tx", MeterAddress.parse("42"), MeterRole.TRANSFORMER,
                List.of(DataId.POWER_TOTAL));
        Dlt645Poller poller = Dlt645Pollers.onSerialPort("room-645", () -> line, NO_RETRIES, List.of(meter), new LatestReadings(),
                unreliable, time, time, time);
        cycles(poller, 2);
        line.silent(true);
        Instant before = time.instant();
        cycles(poller, 2);
        assertThat(unreliable.now()).as("two failed polls").isEmpty();
        cycles(poller, 1);
        // the third poll's WARN asks the meter once more, given SlowAnswer.LEAST_WAIT (silent: asked once), after the
        // line's 5 ms gap: that cycle is as long
        assertThat(Duration.between(before, time.instant()))
                .as("two cycles of 1 s, each request's 600 ms within; the third's request, the gap and the ask")
                .isEqualTo(Duration.ofMillis(2000 + 600 + 5).plus(SlowAnswer.LEAST_WAIT));
        assertThat(line.sent).hasSize(6);
        assertThat(line.sent.get(4).at().since(line.sent.get(3).at())).isEqualTo(Duration.ofSeconds(1));
        assertThat(line.sent.get(5).at().since(line.sent.get(4).at())).as("the ask, after the request and the gap")
                .isEqualTo(Duration.ofMillis(605));
        assertThat(UnreliableMeterAlarms.conditions(unreliable.now(), "gw")).singleElement()
                .extracting(AlarmBoard.Condition::detail).isEqualTo("tx: 3 of 3 polls failed in 1 min");

        line.silent(false);
        cycles(poller, 1);
        poller.close();
        assertThat(unreliable.now()).as("answered").isEmpty();
    }
}
