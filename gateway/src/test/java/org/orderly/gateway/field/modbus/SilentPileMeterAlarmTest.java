package org.orderly.gateway.field.modbus;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.field.UnreliableMeters;
import org.orderly.gateway.store.Store;
import org.orderly.gateway.store.StoreSettings;
import org.orderly.gateway.web.alarm.Alarm;
import org.orderly.gateway.web.alarm.AlarmBoard;
import org.orderly.gateway.web.alarm.AlarmKind;
import org.orderly.gateway.web.alarm.UnreliableMeterAlarms;
import org.orderly.testkit.ExternalTools;
import org.orderly.testkit.LoopbackPorts;

/**
 * A pile meter on the transformer meter's bus, answering, then silent, then answering again: Debian's pymodbus over TCP
 * on 127.0.0.1, behind a relay that drops the pile meter's requests while the test has it silent (pymodbus answers a
 * unit it serves); the real poller, its cycles paced on a ticker the test moves, told to the running gateway's
 * listener and the page's alarm board. Until 2026-12-04 such a pile meter had no alarm at all: the in-a-row WARN in the
 * log only, and METER_UNRELIABLE only at a window's end, whose share (3 of 600) was under one in 20.
 */
class SilentPileMeterAlarmTest {
    private static final int TX = 1;
    private static final int PILE = 2;

    @TempDir
    Path dir;

    @Test
    void aPileMeterFallenSilentIsAnAlarmAtItsThirdFailedPollClearedWhenItAnswers() throws Exception {
        String python = ExternalTools.require("python3-pymodbus");
        int port = LoopbackPorts.free();
        RegisterMap txMap = DeviceMaps.load("chint-dtsu666");
        RegisterMap pileMap = DeviceMaps.load("chint-ddsu666");
        MutableClock time = new MutableClock(Instant.parse("2026-12-04T18:00:00Z"));
        UnreliableMeters unreliable = new UnreliableMeters();
        try (PymodbusSlave slave = PymodbusSlave.tcp(python, dir, new SlaveSpec().serve(TX, txMap).serve(PILE, pileMap),
                port);
             UnitSilencingRelay relay = new UnitSilencingRelay(port);
             Store store = Store.open(StoreSettings.of(dir.resolve("s.db"), 30), Clock.systemUTC())) {
            // 500 ms cycle, no gap, 300 ms timeout, no retries: one request a poll
            Bus bus = new Bus("garage", new BusEndpoint.Tcp("127.0.0.1", relay.port()), new BusTiming(
                    Duration.ofMillis(500), Duration.ZERO, Duration.ofMillis(300), 0, Duration.ofMillis(20),
                    Duration.ofMillis(200)), List.of(new Meter("tx", TX, txMap, MeterRole.TRANSFORMER),
                    new Meter("pm", PILE, pileMap, MeterRole.PILE)));
            AlarmBoard board = new AlarmBoard(store, time);
            try (BusPoller poller = BusPollers.onLink(bus, new J2modLink(new ModbusConnection(bus.endpoint(),
                    bus.timing().timeout(), BusyRetry.NONE)), new LatestReadings(), unreliable, time, time, time)) {
                cycles(poller, 5);
                board.update(UnreliableMeterAlarms.conditions(unreliable.now(), "gw"), time.instant());
                assertThat(board.list()).as("answering; slave log: %s", slave.log()).isEmpty();

                relay.silence(PILE, true);
                cycles(poller, 2);
                board.update(UnreliableMeterAlarms.conditions(unreliable.now(), "gw"), time.instant());
                assertThat(board.list()).as("two failed polls: %s", slave.log()).isEmpty();
                cycles(poller, 1);
                board.update(UnreliableMeterAlarms.conditions(unreliable.now(), "gw"), time.instant());
                assertThat(board.list()).as(slave.log()).singleElement()
                        .extracting(Alarm::kind, Alarm::detail, Alarm::clearedAt)
                        .containsExactly(AlarmKind.METER_UNRELIABLE, "pm: 3 of 3 polls failed in 1 min", null);

                relay.silence(PILE, false);
                cycles(poller, 2);
                board.update(UnreliableMeterAlarms.conditions(unreliable.now(), "gw"), time.instant());
                assertThat(board.list()).as(slave.log()).singleElement().extracting(Alarm::clearedAt).isNotNull();
            }
        }
    }

    /** {@code n} cycles: the transformer meter, then the pile meter, each cycle (a 300 ms timeout fits in 500 ms). */
    private static void cycles(BusPoller poller, int n) throws InterruptedException {
        for (int i = 0; i < n; i++) {
            poller.runCycle();
        }
    }
}
