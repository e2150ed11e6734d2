package org.orderly.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short command's log lines are all on standard error when it exits, though the log is written by a thread of its own
 * (logback.xml's AsyncAppender): {@code main} writes out what is queued before the exit ({@link LogAtExit}).
 * {@code check-config} in its own JVM, as an installer runs it: its last log line, the configuration loaded, is there.
 */
class LogAtExitTest {
    private static final Path VALID = Path.of("src/test/resources/check-config/valid.yaml");

    @TempDir
    Path dir;

    @Test
    void checkConfigsLastLogLineIsWrittenBeforeItExits() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path err = dir.resolve("err.txt");
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "org.orderly.tools.OrderlyCommand",
                "check-config", "--devices", "../config/devices", VALID.toString())
                .redirectError(err.toFile()).redirectOutput(dir.resolve("out.txt").toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("check-config ended").isTrue();
        String log = Files.readString(err, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(log).isZero();
        assertThat(log).as("the last line").matches("(?s)(.*\n)?\\d\\d:\\d\\d:\\d\\d\\.\\d{3} \\[main\\] INFO org\\.orderly\\.gateway\\.app\\.config"
                + "\\.ConfigLoader - configuration \\Q" + VALID + "\\E loaded: gateway gw-room-7, [^\n]*\n");
    }
}
