package org.orderly.gateway.field.modbus;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.testkit.ChildProcess;
import org.orderly.testkit.ExternalTools;
import org.orderly.testkit.SocatPair;

/**
 * Not a test: the figure for docs/register-maps.md, "The poller" (what the wait for the line's quiet after a cut costs
 * the next transformer read on a shared RTU bus), run only on request.
 *
 * <pre>
 * mvn -B -o -q -pl gateway -am test -Dtest=QuietAfterCutBenchmark -Dorderly.bench=true -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * A serial bus (a socat pty pair at 9600 baud, dripping_rtu_meter.py) with a transformer meter, unit 1, answering at
 * once, and a pile meter, unit 2, sending every reply a byte every 100 ms, polled by j2mod on the default timing (1 s
 * cycle, 300 ms timeout): each pile read is cut at its deadline, and the next transformer read first waits for the line
 * to fall quiet. Each of {@value #CYCLES} cycles prints when its transformer read was called and how long the call took
 * (the port opened again, the quiet, its own exchange; the first cycle's call opens the port and has no cut before
 * it); then the median of the calls after a cut.
 */
@EnabledIfSystemProperty(named = "orderly.bench", matches = "true")
class QuietAfterCutBenchmark {
    private static final int CYCLES = 7;

    @TempDir
    Path dir;

    @Test
    void theTransformerReadAfterADrippingPileMetersCut() throws Exception {
        String python = ExternalTools.require("python3-serial");
        Path script = dir.resolve("dripping_rtu_meter.py");
        try (InputStream in = QuietAfterCutBenchmark.class.getResourceAsStream("/field/dripping_rtu_meter.py")) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        try (SocatPair line = new SocatPair(ExternalTools.require("socat"), dir);
             ChildProcess meter = ChildProcess.startUntilLogged("dripping RTU meter", List.of(python, script.toString(),
                     line.slave.toString(), "9600", "0.1", "all", "2"), dir.resolve("meter.log"), "ready",
                     Duration.ofSeconds(30))) {
            BusEndpoint.Serial endpoint = new BusEndpoint.Serial(line.master.toString(), 9600, "none", 8, 1);
            TimedLink link = new TimedLink(new J2modLink(new ModbusConnection(endpoint, Duration.ofMillis(300),
                    BusyRetry.NONE)));
            Bus bus = new Bus("quiet", endpoint, BusTiming.defaults(), List.of(
                    new Meter("tx", 1, OneRegisterMap.POWER, MeterRole.TRANSFORMER),
                    new Meter("pile", 2, OneRegisterMap.POWER, MeterRole.PILE)));
            try (BusPoller poller = BusPollers.onLink(bus, link, new LatestReadings(), new CollectingListener(),
                    Clock.systemUTC(), Ticker.SYSTEM, Sleeper.REAL)) {
                List<Long> calls = new ArrayList<>();
                for (int cycle = 1; cycle <= CYCLES; cycle++) {
                    long begun = System.nanoTime();
                    link.transformerCall = -1;
                    poller.runCycle();
                    long at = (link.transformerBegun - begun) / 1_000_000;
                    System.out.printf("cycle %d: transformer read called %d ms into it, the call took %d ms; the cycle"
                            + " took %d ms%n", cycle, at, link.transformerCall, (System.nanoTime() - begun) / 1_000_000);
                    if (cycle > 1) {
                        calls.add(link.transformerCall);
                    }
                }
                System.out.printf("transformer read after a pile meter's cut: median call %d ms of %d cycles%n",
                        calls.stream().sorted().toList().get(calls.size() / 2), calls.size());
            }
        }
    }

    /** The link, timing each call of the transformer meter's (unit 1) read. */
    private static final class TimedLink extends ReadsWatched {
        long transformerBegun;
        long transformerCall;

        TimedLink(ModbusLink link) {
            super(link);
        }

        @Override
        void read(int unitId, long begunNanos, FieldReadException failure) {
            if (unitId == 1) {
                transformerBegun = begunNanos;
                transformerCall = (System.nanoTime() - begunNanos) / 1_000_000;
            }
        }
    }
}
