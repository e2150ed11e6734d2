package org.orderly.gateway.field.modbus;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.gateway.field.LateAsks;
import org.orderly.gateway.field.TransformerReadTimes;
import org.orderly.gateway.web.CapturedLog;
import org.orderly.testkit.ExternalTools;
import org.orderly.testkit.LoopbackPorts;

/**
 * A pile meter falling silent, or answering later than the timeout, on the bus of the transformer meter, whose reading
 * is the overload protection's: the WARN at its third failed poll in a row asks it again given longer, and until
 * 2026-12-06 did so on the poller's thread for three times the timeout or 3 s, the next cycle's transformer read
 * waiting for it (3.3 s after the last for a silent one, 1.6 s for one 500 ms late, where 1 s is due). Now the ask is
 * made in a later cycle right after its transformer read, given only what is left before the next ({@link LateAsks}),
 * and what it answered said in a line of its own. Counted in transformer reads: each begun more than half a cycle after
 * the one before was due is late (the ask would make it seconds late, the thread's scheduling tens of ms at most). The
 * peer is Debian's pymodbus over TCP on 127.0.0.1 serving the transformer meter (unit 1), and the pile meter (unit 2)
 * not at all or 500 ms late.
 */
class SlowAskTransformerOnTimeTest {
    private static final int TX = 1;
    private static final int PILE = 2;
    private static final BusTiming TIMING = new BusTiming(Duration.ofMillis(1000), Duration.ofMillis(5),
            Duration.ofMillis(300), 0, Duration.ofMillis(10), Duration.ofMillis(40));

    @TempDir
    Path dir;

    @Test
    void aSilentPileMetersAskNeverPushesTheTransformerReadLate() throws Exception {
        RegisterMap map = DeviceMaps.load("chint-dtsu666");
        int port = LoopbackPorts.free();
        try (PymodbusSlave slave = PymodbusSlave.tcp(ExternalTools.require("python3-pymodbus"), dir,
                new SlaveSpec().serve(TX, map), port);
             CapturedLog log = new CapturedLog()) {
            int late = lateTransformerReads(port, map, log);
            assertThat(late).as("transformer reads begun more than half a cycle late").isZero();
            assertThat(log.lines("WARN", "meter p1 (unit 2)", "failed after")).as(slave.log()).singleElement().asString()
                    .endsWith("; its last 3 polls all failed; " + LateAsks.WARN_SAYS);
            assertThat(log.lines("WARN", "meter p1 (unit 2), whose polls time out")).as(slave.log()).singleElement()
                    .asString().matches(".*bus shared: meter p1 \\(unit 2\\), whose polls time out \\(said above\\), is"
                            + " silent even given \\d+ ms, what a cycle leaves before the transformer read; asked no longer"
                            + " \\(elsewhere 3000 ms\\), not to push that read, the overload protection's, late: a meter"
                            + " slower than that cannot be read on this bus");
        }
    }

    /** Unit 2 answering 500 ms late, the server (the gateway's one line) answering nothing else meanwhile. */
    @Test
    void aLatePileMeterIsToldItsTimeoutWithoutPushingTheTransformerReadLate() throws Exception {
        RegisterMap map = DeviceMaps.load("chint-dtsu666");
        int port = LoopbackPorts.free();
        try (PymodbusSlave slave = PymodbusSlave.tcp(ExternalTools.require("python3-pymodbus"), dir,
                new SlaveSpec().serve(TX, map).serve(PILE, map).late(PILE, 500), port);
             CapturedLog log = new CapturedLog()) {
            int late = lateTransformerReads(port, map, log);
            assertThat(late).as("transformer reads begun more than half a cycle late").isZero();
            assertThat(log.lines("WARN", "meter p1 (unit 2), whose polls time out")).as(slave.log()).singleElement()
                    .asString().matches(".*bus shared: meter p1 \\(unit 2\\), whose polls time out \\(said above\\): it"
                            + " answers, but only after \\d+ ms, later than timing.timeoutMs 300 of bus 'shared' waits \\(a"
                            + " slow meter, or a Modbus gateway in front of a slow line\\): give timing.timeoutMs \\d+00 of bus"
                            + " 'shared', twice what it took; its unit id and the line are right");
        }
    }

    /**
     * Polls the bus until the pile meter's ask is told (or 12 cycles), then 2 more; how many of the transformer reads
     * from the cycle of the pile meter's WARN on were begun more than half a cycle after the one before was due.
     */
    private static int lateTransformerReads(int port, RegisterMap map, CapturedLog log) throws Exception {
        Bus bus = new Bus("shared", new BusEndpoint.Tcp("127.0.0.1", port), TIMING,
                List.of(new Meter("tx", TX, map, MeterRole.TRANSFORMER), new Meter("p1", PILE, map, MeterRole.PILE)));
        TransformerReadTimes txReads = new TransformerReadTimes("tx");
        int cycles = 0;
        boolean warned = false;
        try (BusPoller poller = BusPollers.overJ2mod(bus, new LatestReadings(), txReads, Clock.systemUTC(),
                Ticker.SYSTEM)) {
            for (; cycles < 12 && log.lines("WARN", "whose polls time out (said above)").isEmpty(); cycles++) {
                poller.runCycle();
                if (!warned && !log.lines("WARN", "meter p1", "its last 3 polls").isEmpty()) {
                    warned = true;
                    txReads.countFromLast(); // the cycle of the WARN, the asks' and those after them
                }
            }
            for (int more = 0; more < 2; more++, cycles++) {
                poller.runCycle();
            }
        }
        System.out.println("SlowAskTransformerOnTimeTest: " + cycles + " cycles, from the WARN's cycle on transformer"
                + " reads apart (ms) " + txReads.apartMs());
        assertThat(txReads.count()).as("a transformer reading each cycle").isEqualTo(cycles);
        return txReads.late(TIMING.cycle());
    }
}
