package org.orderly.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.testkit.Mosquitto;

/**
 * Not a test: the figure for docs/benchmarks.md, "The upstream link's stop with a silent broker" (and docs/operations.md,
 * "The stop budget"), run only on request.
 *
 * <pre>
 * CI=true mvn -B -o -q -pl gateway -am test -Dtest=LinkStopBenchmark -Dorderly.bench=true \
 *     -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * How long the upstream link's stop takes with a broker that sends the CONNACK and then nothing: the link against a
 * real Mosquitto on 127.0.0.1 behind {@link AnswerHoldingRelay}, which holds the CONNACK back; the stop is begun as
 * the CONNACK is awaited, and the CONNACK let through {@value #CONNACK_AFTER_MS} ms later with Mosquitto frozen by
 * SIGSTOP just before, so no PUBACK comes. Each of {@value #RUNS} runs prints the stop's time from its beginning and
 * from the CONNACK's release; then the medians.
 */
@EnabledIfSystemProperty(named = "orderly.bench", matches = "true")
class LinkStopBenchmark {
    private static final int RUNS = 3;
    /** Within the CONNACK's wait (15 s), near its end: the stop's longest case with a CONNACK that comes. */
    private static final long CONNACK_AFTER_MS = 14_000;

    @TempDir
    Path dir;

    @Test
    void stopWithABrokerSilentAfterItsConnack() throws Exception {
        List<Double> fromStop = new ArrayList<>();
        List<Double> fromConnack = new ArrayList<>();
        for (int run = 1; run <= RUNS; run++) {
            String gw = "gw-stop-bench-" + run;
            try (Mosquitto broker = Mosquitto.start(dir.resolve("broker-" + run));
                 AnswerHoldingRelay relay = AnswerHoldingRelay.holdingConnack(broker.port());
                 UpstreamRig rig = UpstreamRig.start(dir.resolve("orderly-" + run + ".db"), gw,
                         UpstreamRig.plaintext(relay.url(), gw))) {
                assertThat(relay.answerHeld(60)).as("the CONNACK held").isTrue();
                Thread stop = new Thread(rig.upstream.link()::close, "bench-stop");
                long begun = System.nanoTime();
                stop.start();
                Thread.sleep(CONNACK_AFTER_MS);
                broker.pause();
                long released = System.nanoTime();
                relay.release();
                stop.join(120_000);
                long ended = System.nanoTime();
                broker.resume();
                assertThat(stop.isAlive()).as("the stop still going").isFalse();
                fromStop.add(seconds(ended - begun));
                fromConnack.add(seconds(ended - released));
                System.out.printf("BENCH link stop, run %d: %.1f s from the stop, %.1f s from the CONNACK%n", run,
                        fromStop.get(run - 1), fromConnack.get(run - 1));
            }
        }
        System.out.printf("BENCH link stop with a broker silent after its CONNACK, %d runs: median %.1f s from the stop,"
                + " %.1f s from the CONNACK; load average %s%n", RUNS, median(fromStop), median(fromConnack),
                String.join(" ", List.of(Files.readString(Path.of("/proc/loadavg")).split(" ")).subList(0, 3)));
    }

    private static double seconds(long nanos) {
        return nanos / (double) TimeUnit.SECONDS.toNanos(1);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
