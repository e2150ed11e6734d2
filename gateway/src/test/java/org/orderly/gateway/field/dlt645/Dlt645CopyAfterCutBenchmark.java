package org.orderly.gateway.field.dlt645;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.gateway.field.modbus.BusEndpoint;
import org.orderly.gateway.field.modbus.FailureKind;
import org.orderly.gateway.field.modbus.FieldReadException;
import org.orderly.testkit.ExternalTools;
import org.orderly.testkit.SocatPair;

/**
 * Not a test: the figures for docs/benchmarks.md, "A DL/T 645 meter's dripped copy after a cut" (what the quiet after a
 * cut reply costs a healthy bus and a dripping one), run only on request.
 *
 * <pre>
 * mvn -B -o -q -pl gateway -am test -Dtest=Dlt645CopyAfterCutBenchmark -Dorderly.bench=true -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * One client on a socat pty pair at 9600 baud (dlt645_meter.py), the bus's default timing (300 ms timeout, 10 ms gap),
 * reads a pile meter's total power, then a transformer meter's: {@value #HEALTHY_ROUNDS} rounds on a healthy bus
 * (both answering at once), then {@value #DRIPPING_ROUNDS} on a dripping one (the pile meter's every reply and its
 * copy, 200 ms later, a byte every 100 ms: each of its reads cut). Prints each round's time (both reads, the quiet
 * after a cut within the second) and whether the transformer meter's read answered (its failure's message if not),
 * then the median round.
 */
@EnabledIfSystemProperty(named = "orderly.bench", matches = "true")
class Dlt645CopyAfterCutBenchmark {
    /** Rounds on the healthy bus, a few milliseconds each, and on the dripping one, seconds each. */
    private static final int HEALTHY_ROUNDS = 51;
    private static final int DRIPPING_ROUNDS = 9;
    private static final MeterAddress PILE = new MeterAddress("000000000002");
    private static final MeterAddress TRANSFORMER = new MeterAddress("000000000009");
    private static final String METERS = "\"meters\": {\"000000000002\": {\"02030000\": 1.5}, \"000000000009\": "
            + "{\"02030000\": 7.0}}";

    @TempDir
    Path dir;

    @Test
    void roundsOnAHealthyBusAndADrippingOne() throws Exception {
        rounds("healthy", HEALTHY_ROUNDS, "{" + METERS + "}");
        rounds("dripping", DRIPPING_ROUNDS, "{" + METERS + ", \"drip\": {\"000000000002\": [0.1, 1000000]}, "
                + "\"twice_ms\": {\"000000000002\": 200}, \"copy_drips\": [\"000000000002\"]}");
    }

    private void rounds(String bus, int rounds, String spec) throws Exception {
        String python = ExternalTools.require("python3-serial");
        try (SocatPair line = new SocatPair(ExternalTools.require("socat"), dir);
             SimulatedMeters meters = new SimulatedMeters(python, dir, spec, line, 9600, "none");
             Dlt645Client client = new Dlt645Client(JSerialCommLine.open(new BusEndpoint.Serial(line.master.toString(), 9600,
                     "none", 8, 1)), Duration.ofMillis(300), Ticker.SYSTEM)) {
            List<Long> times = new ArrayList<>();
            int answered = 0;
            for (int round = 1; round <= rounds; round++) {
                long begun = System.nanoTime();
                String pile = outcome(client, PILE);
                String transformer = outcome(client, TRANSFORMER);
                long ms = (System.nanoTime() - begun) / 1_000_000;
                answered += transformer.equals("answered") ? 1 : 0;
                times.add(ms);
                System.out.printf("%s bus, round %d: %d ms; pile meter %s, transformer meter %s%n", bus, round, ms, pile,
                        transformer);
            }
            System.out.printf("%s bus: median round %d ms (%d to %d) of %d; the transformer meter answered %d of %d%n", bus,
                    times.stream().sorted().toList().get(rounds / 2), times.stream().min(Long::compare).orElseThrow(),
                    times.stream().max(Long::compare).orElseThrow(), rounds, answered, rounds);
        }
    }

    private static String outcome(Dlt645Client client, MeterAddress meter) throws InterruptedException {
        try {
            client.read(meter, DataId.POWER_TOTAL);
            return "answered";
        } catch (FieldReadException e) {
            return e.kind() == FailureKind.TIMEOUT && meter.equals(TRANSFORMER) ? e.getMessage() : e.kind().toString();
        }
    }
}
