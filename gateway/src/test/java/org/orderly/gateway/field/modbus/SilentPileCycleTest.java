package org.orderly.gateway.field.modbus;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.core.time.Tick;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.testkit.ExternalTools;
import org.orderly.testkit.LoopbackPorts;

/**
 * A silent pile meter on the transformer meter's bus, from Debian's pymodbus over TCP on 127.0.0.1, with the gateway's
 * timing on TCP (500 ms cycle, no gap, 300 ms timeout, 2 retries after 20 and 40 ms), in real time: the pile's
 * timeouts must not push the transformer read, the overload protection's, past its period.
 */
class SilentPileCycleTest {

    private static final int TX = 1;
    private static final int SILENT = 7; // not served: pymodbus over TCP does not answer it

    private static final Duration CYCLE = Duration.ofMillis(500);
    /** What a loaded two-core machine may add to a period; the pile's two retries would add 660 ms. */
    private static final Duration SLACK = Duration.ofMillis(250);

    @TempDir
    Path dir;

    @Test
    void aSilentPileOnTheTransformersBusLeavesTheTransformerReadOnItsPeriod() throws Exception {
        List<Tick> transformerReads = new CopyOnWriteArrayList<>();
        List<PollFailure> failures = new CopyOnWriteArrayList<>();
        PollListener listener = new PollListener() {
            @Override
            public void onReading(Reading r) {
                if (r.meterId().equals("tx")) {
                    transformerReads.add(r.tick());
                }
            }

            @Override
            public void onFailure(PollFailure f) {
                failures.add(f);
            }
        };
        int port = LoopbackPorts.free();
        RegisterMap txMap = DeviceMaps.load("chint-dtsu666");
        Bus bus = new Bus("shared", new BusEndpoint.Tcp("127.0.0.1", port),
                new BusTiming(CYCLE, Duration.ZERO, Duration.ofMillis(300), 2, Duration.ofMillis(20),
                        Duration.ofMillis(200)),
                List.of(new Meter("tx", TX, txMap, MeterRole.TRANSFORMER),
                        new Meter("pile-silent", SILENT, DeviceMaps.load("chint-ddsu666"), MeterRole.PILE)));
        try (PymodbusSlave slave = PymodbusSlave.tcp(ExternalTools.require("python3-pymodbus"), dir,
                new SlaveSpec().serve(TX, txMap), port)) {
            try (BusPoller poller = BusPoller.overJ2mod(bus, new LatestReadings(), listener, Clock.systemUTC(),
                    Ticker.SYSTEM)) {
                poller.start();
                Thread.sleep(4000);
            }
            List<Duration> between = new ArrayList<>();
            for (int i = 1; i < transformerReads.size(); i++) {
                between.add(transformerReads.get(i).since(transformerReads.get(i - 1)));
            }
            Duration longest = between.stream().max(Duration::compareTo).orElse(Duration.ZERO);
            System.out.printf("transformer reads %d, between them %s, longest %d ms%n", transformerReads.size(),
                    between.stream().map(Duration::toMillis).toList(), longest.toMillis());
            assertThat(longest).as("the longest time between two transformer reads, of %s", between)
                    .isLessThanOrEqualTo(CYCLE.plus(SLACK));
            assertThat(between).as("times between transformer reads; slave log: %s", slave.log())
                    .hasSizeGreaterThanOrEqualTo(5);
            assertThat(failures).as("the silent pile's failures").isNotEmpty().allSatisfy(f -> {
                assertThat(f.meterId()).isEqualTo("pile-silent");
                assertThat(f.kind()).isEqualTo(FailureKind.TIMEOUT);
                assertThat(f.attempts()).as("requests sent: a retry after 300 ms has no room in 500").isEqualTo(1);
            });
        }
    }
}
