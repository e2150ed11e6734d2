package org.orderly.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's upstream side in a child JVM of its own ({@link UpstreamChild}), started and seen to say "started";
 * its output in {@code NAME.log} of the test's folder. Closing it kills it (SIGKILL) if it still runs.
 */
final class UpstreamChildProcess implements AutoCloseable {
    /** The child itself: a test kills it, waits for it, and reads its exit value. */
    final Process process;

    /**
     * How long the child may take to say "started": a JVM's start (the gateway's whole test class path, SQLite's native
     * library) and the store's opening, no network wait (the link connects after it). On two cores at a load of 10 it
     * took 2.7 to 6.3 s, once 13 s; at a load of 40 a JVM gets a twentieth of a core, four times less, and a start
     * took over 30 s. The wait ends at the child's line, so the bound only decides when a child that never starts is
     * called so.
     */
    static final Duration START_WITHIN = Duration.ofSeconds(90);

    private UpstreamChildProcess(Process process) {
        this.process = process;
    }

    /**
     * Starts the child on the store {@code db} for gateway {@code gw} at {@code broker}, draining
     * {@code drainPerSecond} messages a second and sending telemetry every {@code telemetryMs}; returns once it says
     * "started" (at most {@link #START_WITHIN}), its output in {@code dir/name.log}.
     */
    static UpstreamChildProcess start(Path dir, String name, Path db, String broker, String gw, int drainPerSecond,
                                      int telemetryMs) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = dir.resolve(name + ".log");
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                UpstreamChild.class.getName(), db.toString(), broker, gw, String.valueOf(drainPerSecond),
                String.valueOf(telemetryMs))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long until = System.nanoTime() + START_WITHIN.toNanos();
        try {
            // Its own line, not a log line that happens to hold the word.
            while (!Files.readAllLines(log).contains("started")) {
                assertThat(p.isAlive()).as("child exited early:%n%s", Files.readString(log)).isTrue();
                assertThat(System.nanoTime()).as("child not started within %d s:%n%s", START_WITHIN.toSeconds(),
                        Files.readString(log)).isLessThan(until);
                Thread.sleep(100);
            }
        } catch (Throwable notStarted) {
            // Not yet the test's to close: left running, it would hold the store file past the test.
            p.destroyForcibly();
            throw notStarted;
        }
        return new UpstreamChildProcess(p);
    }

    /** Tells it to stop: it stops the traffic, drains the outbox and exits 0 (1 when it could not drain). */
    void stop() throws IOException {
        try (Writer w = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8)) {
            w.write("stop\n");
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
