package org.orderly.gateway.field.modbus;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.core.time.Tick;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.testkit.ExternalTools;
import org.orderly.testkit.LoopbackPorts;

/**
 * A silent pile meter on the transformer meter's bus, from Debian's pymodbus over TCP on 127.0.0.1, with the gateway's
 * timing on TCP (500 ms cycle, no gap, 300 ms timeout, 2 retries after 20 and 40 ms), in real time: the pile's
 * timeouts must not push the transformer read, the overload protection's, past its period. Counted in the poller's
 * cycles ({@link CountedCycles}): the transformer meter is read in every cycle, and the silent pile is asked once a
 * cycle, never retried, since a retry after its 300 ms timeout has no room before the next transformer read (before
 * the fix, two retries a cycle stretched each to about a second). How far apart the reads came in wall time is a
 * loaded machine's as much as the poller's: printed, not asserted; BusPollerTest holds the transformer read to its
 * period on a clock the test moves.
 */
class SilentPileCycleTest {

    private static final int TX = 1;
    private static final int SILENT = 7; // not served: pymodbus over TCP does not answer it

    private static final Duration CYCLE = Duration.ofMillis(500);
    private static final int CYCLES = 8;

    @TempDir
    Path dir;

    @Test
    void aSilentPileOnTheTransformersBusLeavesTheTransformerReadOnItsPeriod() throws Exception {
        int port = LoopbackPorts.free();
        RegisterMap txMap = DeviceMaps.load("chint-dtsu666");
        Bus bus = new Bus("shared", new BusEndpoint.Tcp("127.0.0.1", port),
                new BusTiming(CYCLE, Duration.ZERO, Duration.ofMillis(300), 2, Duration.ofMillis(20),
                        Duration.ofMillis(200)),
                List.of(new Meter("tx", TX, txMap, MeterRole.TRANSFORMER),
                        new Meter("pile-silent", SILENT, DeviceMaps.load("chint-ddsu666"), MeterRole.PILE)));
        CountedCycles counted = new CountedCycles();
        try (PymodbusSlave slave = PymodbusSlave.tcp(ExternalTools.require("python3-pymodbus"), dir,
                new SlaveSpec().serve(TX, txMap), port)) {
            try (BusPoller poller = BusPollers.overJ2mod(bus, new LatestReadings(), counted, Clock.systemUTC(),
                    Ticker.SYSTEM)) {
                counted.run(poller, CYCLES);
            }
            List<Tick> reads = counted.readingsOf("tx").stream().map(Reading::tick).toList();
            List<Long> between = new ArrayList<>();
            for (int i = 1; i < reads.size(); i++) {
                between.add(reads.get(i).since(reads.get(i - 1)).toMillis());
            }
            System.out.printf("transformer read in %d of %d cycles, between reads %s ms (not asserted)%n",
                    counted.cyclesReading("tx"), CYCLES, between);
            String seen = counted + "\nslave log: " + slave.log();
            // One timeout of the transformer meter is the machine's (FailureSurvivalTest says when it was seen).
            assertThat(counted.cyclesReading("tx")).as("cycles that read the transformer meter; %s", seen)
                    .isGreaterThanOrEqualTo(CYCLES - 1L);
            assertThat(counted.failures("tx").keySet()).as(seen).isSubsetOf(FailureKind.TIMEOUT);
            assertThat(counted.failures("tx", FailureKind.TIMEOUT)).as(seen).isLessThanOrEqualTo(1);
            List<PollFailure> pile = counted.failures().stream().filter(f -> f.meterId().equals("pile-silent")).toList();
            assertThat(pile).as("the silent pile's failures; %s", seen).isNotEmpty().allSatisfy(f -> {
                assertThat(f.kind()).isEqualTo(FailureKind.TIMEOUT);
                assertThat(f.attempts()).as("requests sent: a retry after 300 ms has no room in 500; %s", seen)
                        .isEqualTo(1);
            });
        }
    }
}
