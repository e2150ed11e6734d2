package org.orderly.tools.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.orderly.testkit.ExternalTools;

/** Runs one of {@code tools/bench/}'s Python scripts, as its users do, and keeps what it printed. */
record BenchScript(int exit, String out, String err) {
    static BenchScript run(String script, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ExternalTools.requireProgram("python3", "python3"),
                "bench/" + script));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as(script + " finished").isTrue();
        return new BenchScript(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
