package org.orderly.gateway.field.modbus;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.gateway.web.CapturedLog;
import org.orderly.testkit.ExternalTools;
import org.orderly.testkit.LoopbackPorts;

/**
 * A meter that answers, but later than its bus's {@code timing.timeoutMs} (a slow meter, or a Modbus TCP gateway in
 * front of a slow line), times out at every poll exactly like an absent one. The running gateway's WARN at its third
 * failed poll in a row says, once it has asked it again given longer ({@link LateAnswer}, as {@code orderly modbus
 * read} and {@code selftest} do), that it answers, after how long, and what to give the bus's {@code timing.timeoutMs};
 * of a meter silent even so it says the timeout alone, as before. The peer is Debian's pymodbus over TCP on 127.0.0.1,
 * answering 800 ms late; the bus waits 300 ms. Until 2026-12-05 the WARN said only {@code TIMEOUT}.
 */
class SlowMeterWarnTest {
    private static final int UNIT = 1;
    private static final int LATE_MS = 800;
    /** No retries: one request a poll; a cycle with room for it. */
    private static final BusTiming TIMING = new BusTiming(Duration.ofMillis(1000), Duration.ofMillis(5),
            Duration.ofMillis(300), 0, Duration.ofMillis(10), Duration.ofMillis(40));

    @TempDir
    Path dir;

    @Test
    void theWarnOfAMeterAnsweringLateSaysSoAndTheBusTimeoutToGive() throws Exception {
        RegisterMap map = DeviceMaps.load("chint-dtsu666");
        int port = LoopbackPorts.free();
        try (PymodbusSlave slave = PymodbusSlave.tcp(ExternalTools.require("python3-pymodbus"), dir,
                new SlaveSpec().serve(UNIT, map).late(LATE_MS), port);
             CapturedLog log = new CapturedLog()) {
            List<Long> cycles = pollFiveCycles(port, map);
            assertThat(log.lines("WARN", "meter tx", "failed after")).as(slave.log()).singleElement().asString()
                    .contains("TIMEOUT").matches(".*; its last 3 polls all failed; it answers, but only after \\d+ ms, later than "
                            + "timing.timeoutMs 300 of bus 'late' waits \\(a slow meter, or a Modbus gateway in front of a slow "
                            + "line\\): give timing.timeoutMs \\d+00 of bus 'late', twice what it took; its unit id and the line "
                            + "are right");
            // What the ask costs the cycle of the WARN, the others' polls waiting for it: said, not asserted on time
            System.out.println("SlowMeterWarnTest: cycles took " + cycles + " ms; the WARN's is the third");
        }
    }

    @Test
    void theWarnOfASilentMeterSaysTheTimeoutAlone() throws Exception {
        RegisterMap map = DeviceMaps.load("chint-dtsu666");
        int port = LoopbackPorts.free();
        // unit 1 is asked, unit 2 served: unit 1 is silent however long it is given
        try (PymodbusSlave slave = PymodbusSlave.tcp(ExternalTools.require("python3-pymodbus"), dir,
                new SlaveSpec().serve(UNIT + 1, map), port);
             CapturedLog log = new CapturedLog()) {
            List<Long> cycles = pollFiveCycles(port, map);
            assertThat(log.lines("WARN", "meter tx", "failed after")).as(slave.log()).singleElement().asString()
                    .contains("TIMEOUT").endsWith("; its last 3 polls all failed");
            System.out.println("SlowMeterWarnTest: a silent meter's cycles took " + cycles + " ms; the WARN's is the third");
        }
    }

    /** Five cycles of a bus with the one meter, each's length in ms. */
    private static List<Long> pollFiveCycles(int port, RegisterMap map) throws Exception {
        Bus bus = new Bus("late", new BusEndpoint.Tcp("127.0.0.1", port), TIMING,
                List.of(new Meter("tx", UNIT, map, MeterRole.TRANSFORMER)));
        List<Long> took = new ArrayList<>();
        try (BusPoller poller = BusPollers.overJ2mod(bus, new LatestReadings(), new PollListener() { }, Clock.systemUTC(),
                Ticker.SYSTEM)) {
            for (int cycle = 0; cycle < 5; cycle++) {
                long began = System.nanoTime();
                poller.runCycle();
                took.add(Duration.ofNanos(System.nanoTime() - began).toMillis());
            }
        }
        return took;
    }
}
