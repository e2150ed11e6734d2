package org.orderly.gateway.field.dlt645;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.core.time.Tick;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.gateway.field.FailureRateHint;
import org.orderly.gateway.field.TimeoutBound;
import org.orderly.gateway.field.modbus.BusEndpoint;
import org.orderly.gateway.field.modbus.BusTiming;
import org.orderly.gateway.field.modbus.LatestReadings;
import org.orderly.gateway.field.modbus.MeterRole;
import org.orderly.gateway.field.modbus.PollListener;
import org.orderly.gateway.field.modbus.Sleeper;
import org.orderly.testkit.ExternalTools;
import org.orderly.testkit.SocatPair;

/**
 * A transformer meter and pile meters A and B on one DL/T 645 line at the default timing (1000 ms cycle, 300 ms
 * timeout, 10 ms gap), the simulated meters on a pty: A answers every request twice, its reply and its copy (200 ms
 * after the reply's last byte) each a byte every 40 ms (a converter dripping what the meter sends), so its read is cut
 * at its timeout and the line is busy with its drip for about 1.9 s after each of its requests. The transformer meter's
 * first request of each cycle is sent by the gap after the cycle's start, into the drip if need be (what that garbles is
 * a failed read, as any collision on RS-485): until 2026-12-07 it waited for the copy's end and the whole quiet after
 * it (read60a, on hand-moved time 1430 ms late every 4th cycle at 40 ms a byte; here, without the bound, 2063 to 2467
 * ms after the one before every other cycle). Counted as the existing real-time tests count: a cycle's first request
 * sent more than half a cycle after the one before was due is late (the drip made it a second late, the thread's
 * scheduling is tens of ms at most; sent into the drip, about 80 ms after its due time). The requests' times are the
 * line's writes, as the meters hear them. What the request sent into the drip gets (the simulated meters answer it
 * after the copy, past its timeout) is not asserted: a failed read, as any collision.
 */
class Dlt645TransformerSentByInDripTest {
    private static final String TX = "000000000001";
    private static final String SPEC = """
            {"meters": {"000000000001": {"02030000": 12.3456}, "000000000002": {"02030000": 1.5}},
             "drip": {"000000000002": [0.04, 1000]}, "twice_ms": {"000000000002": 100},
             "copy_drips": ["000000000002"]}
            """;
    private static final int CYCLES = 12;

    @TempDir
    Path dir;

    @Test
    void theTransformerRequestIsSentByTheGapAfterItsCycleBeganWhileAPileMetersCopyDrips() throws Exception {
        String python = ExternalTools.require("python3-serial");
        String socat = ExternalTools.require("socat");
        BusTiming timing = BusTiming.defaults();
        List<Tick> txSent = new ArrayList<>();
        try (SocatPair line = new SocatPair(socat, dir);
             SimulatedMeters meters = new SimulatedMeters(python, dir, SPEC, line, 2400, "even");
             Dlt645Poller poller = new Dlt645Poller("shared-645", () -> new SendTimes(JSerialCommLine.open(
                     new BusEndpoint.Serial(line.master.toString(), 2400, "even", 8, 1)), txSent),
                     FailureRateHint.RS485, timing, TimeoutBound.ANY,
                     List.of(meter("tx", TX, MeterRole.TRANSFORMER), meter("pa", "000000000002", MeterRole.PILE)),
                     new LatestReadings(), new PollListener() { }, Clock.systemUTC(), Ticker.SYSTEM, Sleeper.REAL)) {
            List<Tick> firstOfCycle = new ArrayList<>();
            for (int cycle = 0; cycle < CYCLES; cycle++) {
                int before = txSent.size();
                poller.runCycle();
                // The cycle's first transformer request (a retry may follow)
                assertThat(txSent.size()).as("cycle %d's transformer request; meters' log: %s", cycle, meters.log())
                        .isGreaterThan(before);
                firstOfCycle.add(txSent.get(before));
            }
            // From the second cycle's on: the first cycle's request came after the port's opening and the meters'
            // first answers on a loaded machine (up to 1333 ms before the second's), and no drip was there to meet
            List<Long> apartMs = new ArrayList<>();
            for (int i = 2; i < firstOfCycle.size(); i++) {
                apartMs.add(firstOfCycle.get(i).since(firstOfCycle.get(i - 1)).toMillis());
            }
            System.out.println("Dlt645TransformerSentByInDripTest: each cycle's first transformer request after the one"
                    + " before (ms) " + apartMs);
            long most = timing.cycle().multipliedBy(3).dividedBy(2).toMillis();
            assertThat(apartMs).as("ms after the one before; more than half a cycle late is late; meters' log: %s",
                    meters.log()).allSatisfy(ms -> assertThat(ms).isLessThanOrEqualTo(most));
            // A's drip was there to be waited for: its reads cut, so the test did not pass for want of a drip
            assertThat(meters.log()).contains("answered again");
        }
    }

    private static Dlt645Meter meter(String id, String address, MeterRole role) {
        return new Dlt645Meter(id, new MeterAddress(address), role, List.of(DataId.POWER_TOTAL));
    }

    /** The port, noting when each request to the transformer meter is written (on the system ticker). */
    private static final class SendTimes extends ForwardingLine {
        private final List<Tick> txSent;

        SendTimes(SerialLine port, List<Tick> txSent) {
            super(port);
            this.txSent = txSent;
        }

        @Override
        public void write(byte[] bytes) throws IOException {
            if (FrameScanner.scan(bytes, bytes.length) instanceof FrameScanner.Scan.Found f
                    && f.frame().address().equals(new MeterAddress(TX))) {
                txSent.add(Ticker.SYSTEM.now());
            }
            super.write(bytes);
        }
    }
}
