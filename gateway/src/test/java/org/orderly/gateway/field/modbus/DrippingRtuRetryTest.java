package org.orderly.gateway.field.modbus;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.testkit.ChildProcess;
import org.orderly.testkit.ExternalTools;
import org.orderly.testkit.SocatPair;

/**
 * A transformer meter on a serial line (a socat pty pair at 9600 baud, dripping_rtu_meter.py) sending every reply a
 * byte every 100 ms, polled by j2mod with a 300 ms timeout on a 1600 ms cycle: each exchange is cut at its deadline
 * (416 ms), and the meter is not retried in its cycle, stale for it ({@code RetryAfterCut}). The cut closes the port,
 * and a retry pays its opening again, the rest of the dripped reply and the line's quiet before its own exchange, which
 * drips and is cut again. Until 2026-12-07 a retry after a cut was counted as the quiet and the cut, 718 ms, and sent
 * when that fitted the cycle: a probe of this rig sent it at 657 ms, it ended at 1662, past the cycle's end, and the
 * next cycle's read was called 53 ms later than with the rule. The test looks at each try the poller sent, in its
 * cycle, not at their times: a try after a cut in the same cycle fails it; a try that was not a cut (a loaded computer
 * that read no byte before the deadline: a silent unit's {@code TIMEOUT}) may be retried, and fails nothing. Until
 * 2026-12-07 the test asked every failure to be a cut with one request, which such a try failed.
 */
class DrippingRtuRetryTest {
    /** Cycles polled at most until a cut has been seen. */
    private static final int MOST_CYCLES = 4;

    @TempDir
    Path dir;

    @Test
    void aTransformerMeterCutWhileItRepliedIsNotRetriedInItsCycle() throws Exception {
        BusTiming timing = new BusTiming(Duration.ofMillis(1600), Duration.ofMillis(10), Duration.ofMillis(300), 2,
                Duration.ofMillis(20), Duration.ofMillis(200));
        try (SocatPair line = new SocatPair(ExternalTools.require("socat"), dir);
             ChildProcess meter = DrippingRtuMeterTest.meter(dir, line, "0.1")) {
            BusEndpoint.Serial endpoint = new BusEndpoint.Serial(line.master.toString(), 9600, "none", 8, 1);
            TriesLink link = new TriesLink(new J2modLink(endpoint, timing.timeout()));
            try (BusPoller poller = BusPollers.onLink(new Bus("dripping", endpoint, timing, List.of(
                    new Meter("tx", 1, OneRegisterMap.POWER, MeterRole.TRANSFORMER))), link,
                    new LatestReadings(), new CollectingListener(), Clock.systemUTC(), Ticker.SYSTEM, Sleeper.REAL)) {
                for (int cycle = 1; cycle <= MOST_CYCLES && link.cuts() == 0; cycle++) {
                    link.cycle = cycle;
                    poller.runCycle();
                }
            }
            Assumptions.assumeTrue(link.cuts() > 0, () -> "no try was cut while the meter replied in " + MOST_CYCLES
                    + " cycles (a loaded computer?), the rule not exercised: " + link.tries + "; the meter's log: "
                    + meter.log());
            for (int i = 1; i < link.tries.size(); i++) {
                Try before = link.tries.get(i - 1);
                assertThat(before.cut() && before.cycle() == link.tries.get(i).cycle())
                        .as("a try sent in the cycle of a cut: %s", link.tries).isFalse();
            }
        }
    }

    /** One try of the meter: in which cycle, whether it was cut while the meter replied, and what it said. */
    private record Try(int cycle, boolean cut, String outcome) {
    }

    /** The link, keeping each read's try. */
    private static final class TriesLink extends ReadsWatched {
        final List<Try> tries = new ArrayList<>();
        int cycle;

        TriesLink(ModbusLink link) {
            super(link);
        }

        long cuts() {
            return tries.stream().filter(Try::cut).count();
        }

        @Override
        void read(int unitId, long begunNanos, FieldReadException failure) {
            tries.add(failure == null ? new Try(cycle, false, "answered")
                    : new Try(cycle, failure.replyCut().isPresent(), failure.getMessage()));
        }
    }
}
