package org.orderly.gateway.field.modbus;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Not a test: the figure for docs/benchmarks.md, "A Modbus TCP read from a meter dripping its reply", run only on
 * request.
 *
 * <pre>
 * mvn -B -o -q -pl gateway -am test -Dtest=DripReadBenchmark -Dorderly.bench=true -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * How long one read of two registers (a 13-byte reply) given a 300 ms timeout takes from a server on 127.0.0.1 that
 * sends its reply a byte every 200 ms, as tools' raw_modbus_tcp.py does in its {@code drip} mode: {@link DrippingServer}
 * by default, or a server already listening on 127.0.0.1 at {@code -Dorderly.drip.port=PORT} (raw_modbus_tcp.py PORT
 * drip). Each of {@value #RUNS} reads on a connection of its own prints its time and outcome; then the median.
 */
@EnabledIfSystemProperty(named = "orderly.bench", matches = "true")
class DripReadBenchmark {
    private static final int RUNS = 5;
    private static final Duration TIMEOUT = Duration.ofMillis(300);

    @Test
    void aReadFromADrippingServer() throws Exception {
        String given = System.getProperty("orderly.drip.port");
        try (DrippingServer own = given == null ? new DrippingServer(Set.of(1), Duration.ofMillis(200)) : null) {
            int port = given == null ? own.port() : Integer.parseInt(given);
            List<Long> took = new ArrayList<>();
            for (int run = 1; run <= RUNS; run++) {
                String outcome;
                long begun = System.nanoTime();
                try (ModbusConnection connection = new ModbusConnection(new BusEndpoint.Tcp("127.0.0.1", port),
                        TIMEOUT)) {
                    int[] words = connection.read(1, FunctionCode.READ_HOLDING_REGISTERS, 0, 2);
                    outcome = "answered, " + words.length + " registers";
                } catch (Exception e) {
                    outcome = (e instanceof FieldReadException f ? f.kind() : FailureClassifier.classify(e)) + ": " + e.getMessage();
                }
                long ms = (System.nanoTime() - begun) / 1_000_000;
                took.add(ms);
                System.out.printf("drip read %d: %d ms, %s%n", run, ms, outcome);
            }
            System.out.printf("drip read: median %d ms of %d reads given %d ms%n", took.stream().sorted().toList()
                    .get(RUNS / 2), RUNS, TIMEOUT.toMillis());
        }
    }
}
