package org.orderly.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.testkit.StalledPipe;
import org.orderly.tools.testing.LogLines;

/**
 * A short command's log lines are all on standard error when it exits, though the log is written by a thread of its own
 * (logback.xml's AsyncAppender): {@code main} writes out what is queued before the exit ({@link LogAtExit}).
 * {@code check-config} in its own JVM, as an installer runs it, with standard error on a pipe that is full while it
 * runs (a slow reader, a stalled journal) and read again shortly after it has said OK on standard output: its last
 * log line, the configuration loaded, is still there. Without the write-out the JVM exits with that line queued behind
 * the full pipe, and it is lost.
 */
class LogAtExitTest {
    private static final Path VALID = Path.of("src/test/resources/check-config/valid.yaml");

    @TempDir
    Path dir;

    @Test
    void checkConfigsLastLogLineIsWrittenBeforeItExitsThoughThePipeWasFull() throws Exception {
        try (StalledPipe stderr = StalledPipe.make(dir.resolve("stderr.fifo"))) {
            stderr.stall();

            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            // check-config keeps INFO off standard error unless asked (CommandLog): asked, so it logs a line to lose
            Process p = new ProcessBuilder(java, "-Dorderly.commandLog=info", "-cp", System.getProperty("java.class.path"),
                    "org.orderly.tools.OrderlyCommand", "check-config", "--devices", "../config/devices", VALID.toString())
                    .redirectError(stderr.path().toFile()).start();
            String out;
            try (BufferedReader stdout = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                out = stdout.readLine();
                // Said OK: the command is done and its JVM on its way out. Without the write-out it is gone within
                // this wait, its last line still queued; with it, it waits for the pipe (5 s at most: logback.xml's
                // maxFlushTime). The pipe is read again from here.
                p.waitFor(700, TimeUnit.MILLISECONDS);
                String log = stderr.readToEnd(); // to the end: the command and the filler both gone
                assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("check-config ended").isTrue();
                assertThat(out).as(log).startsWith(VALID + ": OK: gateway gw-room-7");
                assertThat(p.exitValue()).as(log).isZero();
                assertThat(log).as("standard error past the filler").matches("(?s)(.*\n)?" + LogLines.TIME + " \\[main\\]"
                        + " INFO org\\.orderly\\.gateway\\.app\\.config\\.ConfigLoader - configuration \\Q" + VALID
                        + "\\E loaded: gateway gw-room-7, [^\n]*\n");
            }
        }
    }
}
