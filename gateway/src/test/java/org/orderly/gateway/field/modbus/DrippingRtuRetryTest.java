package org.orderly.gateway.field.modbus;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.testkit.ChildProcess;
import org.orderly.testkit.ExternalTools;
import org.orderly.testkit.SocatPair;

/**
 * A transformer meter on a serial line (a socat pty pair at 9600 baud, dripping_rtu_meter.py) sending every reply a
 * byte every 100 ms, polled by j2mod with a 300 ms timeout on a 1600 ms cycle: each exchange is cut at its deadline
 * (416 ms), and the meter is not retried in its cycle, stale for it ({@code BusPoller.cycleHasRoomForRetry}). The cut
 * closes the port, and a retry pays its opening again, the rest of the dripped reply and the line's quiet before its
 * own exchange, which drips and is cut again. Until 2026-12-07 a retry after a cut was counted as the quiet and the cut,
 * 718 ms, and sent when that fitted the cycle: a probe of this rig sent it at 657 ms, it ended at 1662, past the
 * cycle's end, and the next cycle's read was called 53 ms later than with the rule. The test counts the requests, not their times.
 */
class DrippingRtuRetryTest {

    @TempDir
    Path dir;

    @Test
    void aTransformerMeterCutWhileItRepliedIsNotRetriedInItsCycle() throws Exception {
        BusTiming timing = new BusTiming(Duration.ofMillis(1600), Duration.ofMillis(10), Duration.ofMillis(300), 2,
                Duration.ofMillis(20), Duration.ofMillis(200));
        try (SocatPair line = new SocatPair(ExternalTools.require("socat"), dir);
             ChildProcess meter = DrippingRtuMeterTest.meter(dir, line, "0.1")) {
            BusEndpoint.Serial endpoint = new BusEndpoint.Serial(line.master.toString(), 9600, "none", 8, 1);
            CollectingListener listener = new CollectingListener();
            try (BusPoller poller = new BusPoller(new Bus("dripping", endpoint, timing, List.of(
                    new Meter("tx", 1, OneRegisterMap.POWER, MeterRole.TRANSFORMER))), new J2modLink(endpoint, timing.timeout()),
                    new LatestReadings(), listener, Clock.systemUTC(), Ticker.SYSTEM, Sleeper.REAL)) {
                poller.runCycle();
                poller.runCycle();
            }
            assertThat(listener.failures).as("the meter's log: %s", meter.log()).hasSize(2).allSatisfy(f -> {
                assertThat(f.kind()).as(f.message()).isEqualTo(FailureKind.TIMEOUT);
                assertThat(f.message()).as("cut at its deadline").contains("no whole reply within");
                assertThat(f.attempts()).as("requests sent in the cycle: %s", f.message()).isEqualTo(1);
            });
        }
    }
}
