package org.orderly.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A program a test runs beside it (a slave, a broker, a simulated meter, or one of the project's own in a child JVM),
 * its output appended to a log file: the test waits until it serves, and closing it stops it (SIGTERM, then SIGKILL
 * after 5 s). Whatever goes wrong while waiting says what the program logged.
 */
public final class ChildProcess implements AutoCloseable {
    private static final long TERM_GRACE_SECONDS = 5;

    /** A check of whether the program serves yet; an exception counts as "not yet" and is kept as the cause. */
    @FunctionalInterface
    public interface Readiness {
        boolean ready() throws Exception;
    }

    private final String name;
    private final Process process;
    private final Path log;

    private ChildProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Starts {@code command}, its standard output and error appended to {@code log}; {@code name} is for messages. */
    public static ChildProcess start(String name, List<String> command, Path log) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        return new ChildProcess(name, p, log);
    }

    /**
     * Starts {@code command} as {@link #start} does and returns once its log contains {@code line}; one that exits or
     * does not say it within {@code timeout} is stopped, and the failure thrown with its log.
     */
    public static ChildProcess startUntilLogged(String name, List<String> command, Path log, String line, Duration timeout)
            throws IOException, InterruptedException {
        ChildProcess p = start(name, command, log);
        try {
            return p.awaitLog(line, timeout);
        } catch (RuntimeException | InterruptedException e) {
            p.close();
            throw e;
        }
    }

    /**
     * Starts {@code mainClass} in a JVM of its own, as this one (the same {@code java} and class path) with
     * {@code jvmOptions} and {@code args}, in the directory {@code dir}, its output appended to {@code log}: a program
     * of the project's that a test stops as systemd would (SIGTERM).
     */
    public static ChildProcess startJava(String name, Path dir, List<String> jvmOptions, String mainClass,
                                         List<String> args, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path")));
        command.addAll(jvmOptions);
        command.add(mainClass);
        command.addAll(args);
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        return new ChildProcess(name, p, log);
    }

    /** Returns once something accepts a TCP connection on 127.0.0.1:{@code port}. */
    public ChildProcess awaitTcp(int port, Duration timeout) throws InterruptedException {
        return awaitReady("listening on 127.0.0.1:" + port, timeout, Duration.ofMillis(100),
                () -> LoopbackPorts.accepts(port, Duration.ofMillis(200)));
    }

    /** Returns once its log contains {@code line}. */
    public ChildProcess awaitLog(String line, Duration timeout) throws InterruptedException {
        return awaitReady("logging \"" + line + "\"", timeout, Duration.ofMillis(50), () -> log().contains(line));
    }

    /**
     * Returns once {@code check} says ready; throws {@link IllegalStateException} with the log when the program
     * exits or {@code timeout} passes first.
     */
    public ChildProcess awaitReady(String what, Duration timeout, Duration every, Readiness check)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " before " + what
                        + "; its log: " + log(), last);
            }
            try {
                if (check.ready()) {
                    return this;
                }
            } catch (Exception notYet) {
                last = notYet;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " not " + what + " within " + timeout.toMillis() + " ms; its log: "
                        + log(), last);
            }
            Thread.sleep(every.toMillis());
        }
    }

    /** Sends SIGTERM (systemd's stop) and returns at once; {@link #awaitExit} waits for what it does. */
    public void terminate() {
        process.destroy();
    }

    /**
     * Waits for it to exit and returns its exit status; throws {@link IllegalStateException} with the log when it has
     * not within {@code timeout}.
     */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(name + " still running after " + timeout.toMillis() + " ms; its log: "
                    + log());
        }
        return process.exitValue();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** Everything it has logged so far. */
    public String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(TERM_GRACE_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(TERM_GRACE_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
