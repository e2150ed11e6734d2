package org.orderly.bridge.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A coap-client observing a resource, its payload lines read as they come: a test waits for the notification that says
 * the observation is registered before it changes what is observed. A fixed pause in its place was too short on a
 * loaded machine, where starting the process (and its DTLS handshake) can take longer, and the change came first.
 */
public final class CoapObservation implements AutoCloseable {
    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Thread reader;

    CoapObservation(Process process) {
        this.process = process;
        this.reader = new Thread(this::read, "coap-client-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            // The process destroyed by close() ends its stream so; anything else is the test's to see.
            if (process.isAlive()) {
                throw new UncheckedIOException("reading coap-client's output", e);
            }
        }
    }

    /** Waits until a line that {@code wanted} approves has come; says what did come if none within {@code within}. */
    public void awaitLine(String what, Duration within, Predicate<String> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (lines.stream().noneMatch(wanted)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("coap-client: no " + what + " within " + within.toSeconds() + " s; it printed "
                        + lines + (process.isAlive() ? "" : ", exit " + process.exitValue()) + ", stderr: "
                        + stderrIfEnded());
            }
            Thread.sleep(20);
        }
    }

    /** The lines printed so far, in order. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    private String stderrIfEnded() {
        if (process.isAlive()) {
            return "(still running)";
        }
        try {
            return new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        reader.join(10_000);
    }
}
