package org.orderly.tools.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.orderly.testkit.ExternalTools;

/** Runs one of {@code tools/bench/}'s scripts, as its users do, and keeps what it printed. */
record BenchScript(int exit, String out, String err) {
    /** A Python script, with {@code args}. */
    static BenchScript run(String script, String... args) throws IOException, InterruptedException {
        return run(ExternalTools.requireProgram("python3", "python3"), Map.of(), script, args);
    }

    /** A Python script, with {@code env} added to this JVM's environment and {@code args}. */
    static BenchScript run(Map<String, String> env, String script, String... args) throws IOException, InterruptedException {
        return run(ExternalTools.requireProgram("python3", "python3"), env, script, args);
    }

    /** A shell script, with {@code env} added to this JVM's environment and {@code args}. */
    static BenchScript runShell(Map<String, String> env, String script, String... args)
            throws IOException, InterruptedException {
        return run(ExternalTools.requireProgram("bash", "bash"), env, script, args);
    }

    /** A shell script started in {@code cwd} (its path absolute), as a user runs it from another folder. */
    static BenchScript runShellIn(Path cwd, Map<String, String> env, String script, String... args)
            throws IOException, InterruptedException {
        return run(ExternalTools.requireProgram("bash", "bash"), cwd, env, Path.of("bench", script).toAbsolutePath().toString(), args);
    }

    private static BenchScript run(String interpreter, Map<String, String> env, String script, String... args)
            throws IOException, InterruptedException {
        return run(interpreter, Path.of(""), env, "bench/" + script, args);
    }

    private static BenchScript run(String interpreter, Path cwd, Map<String, String> env, String script, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(interpreter, script));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(cwd.toAbsolutePath().toFile());
        builder.environment().putAll(env);
        Process p = builder.start();
        boolean finished = p.waitFor(30, TimeUnit.SECONDS);
        if (!finished) {
            // A script that ran on (a Maven build, a benchmark) is not left running after the test.
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly().waitFor();
        }
        assertThat(finished).as(script + " finished within 30 s").isTrue();
        return new BenchScript(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
