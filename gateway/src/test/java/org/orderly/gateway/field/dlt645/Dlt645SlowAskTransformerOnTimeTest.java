package org.orderly.gateway.field.dlt645;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.gateway.field.FailureRateHint;
import org.orderly.gateway.field.TimeoutBound;
import org.orderly.gateway.field.TransformerReadTimes;
import org.orderly.gateway.field.modbus.BusEndpoint;
import org.orderly.gateway.field.modbus.BusTiming;
import org.orderly.gateway.field.modbus.FailureKind;
import org.orderly.gateway.field.modbus.LatestReadings;
import org.orderly.gateway.field.modbus.MeterRole;
import org.orderly.gateway.field.modbus.Sleeper;
import org.orderly.gateway.web.CapturedLog;
import org.orderly.testkit.ExternalTools;
import org.orderly.testkit.SocatPair;

/**
 * Pile meters on the line of the transformer meter, whose reading is the overload protection's, one answering later
 * than the bus's timeout and one silent: the WARN at the third failed poll in a row of each asks it again given
 * longer, and until 2026-12-06 did so in the WARN, on the poller's thread, for three times the timeout or 3 s (for a
 * late meter twice), the next cycle's transformer read waiting for it. Now each is asked only in the wait at a later
 * cycle's end, given what is left of it before the next transformer read, one ask a cycle, and what it answered said
 * in a line of its own: the late one's advice, the silent one's silence within that room. Counted in transformer
 * reads: each begun more than half a cycle after the one before was due is late (the ask would make it seconds late,
 * the thread's scheduling tens of ms at most). The peer is the simulated meters on a pty, p1 answering 400 ms late
 * (only when not asked again meanwhile: {@code late_ms}), p2 not served.
 */
class Dlt645SlowAskTransformerOnTimeTest {
    private static final String SPEC = """
            {"meters": {"000000000001": {"02030000": 12.3456}, "000000000002": {"02030000": 1.5}},
             "late_ms": {"000000000002": 400}}
            """;
    /** No retries: one exchange a poll; a cycle with room for the three meters and the 400 ms answer. */
    private static final BusTiming TIMING = new BusTiming(Duration.ofMillis(1000), Duration.ofMillis(5),
            Duration.ofMillis(150), 0, Duration.ofMillis(10), Duration.ofMillis(40));

    @TempDir
    Path dir;

    @Test
    void theAsksOfALateAndASilentPileMeterNeverPushTheTransformerReadLate() throws Exception {
        String python = ExternalTools.require("python3-serial");
        String socat = ExternalTools.require("socat");
        TransformerReadTimes txReads = new TransformerReadTimes("tx", Ticker.SYSTEM, TIMING.timeout());
        try (SocatPair line = new SocatPair(socat, dir);
             SimulatedMeters meters = new SimulatedMeters(python, dir, SPEC, line, 2400, "even");
             CapturedLog log = new CapturedLog();
             Dlt645Poller poller = new Dlt645Poller("shared-645", () -> JSerialCommLine.open(
                     new BusEndpoint.Serial(line.master.toString(), 2400, "even", 8, 1)), FailureRateHint.RS485, TIMING,
                     TimeoutBound.ANY, List.of(meter("tx", "000000000001", MeterRole.TRANSFORMER),
                             meter("p1", "000000000002", MeterRole.PILE), meter("p2", "000000000003", MeterRole.PILE)),
                     new LatestReadings(), txReads, Clock.systemUTC(), Ticker.SYSTEM, Sleeper.REAL)) {
            // Until both asks are told: counted in cycles, not timed
            int cycles = 0;
            boolean warned = false;
            for (; cycles < 12 && log.lines("WARN", "whose polls time out (said above)").size() < 2; cycles++) {
                poller.runCycle();
                if (!warned && !log.lines("WARN", "its last 3 polls").isEmpty()) {
                    warned = true;
                    txReads.countFromLast(); // the cycle of the first WARN, the asks' and those after them
                }
            }
            poller.runCycle(); // its transformer read: the one after the last ask
            cycles++;
            System.out.println("Dlt645SlowAskTransformerOnTimeTest: " + cycles + " cycles, from the WARN's cycle on"
                    + " transformer polls apart (ms) " + txReads.apartMs() + ", " + txReads.failed() + " failed");
            // Each cycle begins its transformer read: one that failed (a timeout of the simulated meter on a loaded
            // machine, no retries here) was begun all the same, at the latest its timeout allows, and counted late so
            assertThat(txReads.polls()).as(meters.log()).isEqualTo(cycles);
            // At most one lost to the machine's load, and as a timeout: a garbled one is another meter's reply in it
            assertThat(txReads.failures()).as(meters.log()).hasSizeLessThanOrEqualTo(1)
                    .allSatisfy(kind -> assertThat(kind).isEqualTo(FailureKind.TIMEOUT));
            assertThat(txReads.late(TIMING.cycle())).as("transformer reads begun more than half a cycle late; apart (ms) "
                    + txReads.apartMs()).isZero();
            for (String pile : List.of("p1", "p2")) {
                assertThat(log.lines("WARN", "meter " + pile + " failed")).as(meters.log()).singleElement().asString()
                        .contains("TIMEOUT").endsWith("; its last 3 polls all failed; it is asked again, given longer,"
                                + " only in what the next cycles leave before the transformer read (not to push that read"
                                + " late): said below");
            }
            assertThat(log.lines("WARN", "meter p1, whose polls time out")).as(meters.log()).singleElement().asString()
                    .matches(".*DL/T 645 line shared-645: meter p1, whose polls time out \\(said above\\): it answers, but"
                            + " only after \\d+ ms, later than timing.timeoutMs 150 of bus 'shared-645' waits \\(a slow"
                            + " meter, or an RS-485-to-Ethernet converter holding its replies back\\): give"
                            + " timing.timeoutMs \\d+00 of bus 'shared-645', twice what it took; its address and the line"
                            + " are right");
            assertThat(log.lines("WARN", "meter p2, whose polls time out")).as(meters.log()).singleElement().asString()
                    .matches(".*DL/T 645 line shared-645: meter p2, whose polls time out \\(said above\\), is silent even"
                            + " given \\d+ ms, what a cycle leaves before the transformer read; asked no longer"
                            + " \\(elsewhere 3000 ms\\), not to push that read, the overload protection's, late: a meter"
                            + " slower than that cannot be read on this bus");
        }
    }

    private static Dlt645Meter meter(String id, String address, MeterRole role) {
        return new Dlt645Meter(id, new MeterAddress(address), role, List.of(DataId.POWER_TOTAL));
    }
}
