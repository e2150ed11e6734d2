package org.orderly.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    private static final byte[] FILLER = "(filler: the reader is slow here)\n".getBytes(StandardCharsets.US_ASCII);
    /** Well over a pipe's 64 KiB, so that the filler is still blocked when the command starts. */
    private static final int FILLER_BYTES = 256 * 1024;

    @TempDir
    Path dir;

    @Test
    void checkConfigsLastLogLineIsWrittenBeforeItExitsThoughThePipeWasFull() throws Exception {
        Path fifo = dir.resolve("stderr.fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).redirectErrorStream(true).start();
        assertThat(mkfifo.waitFor()).as("mkfifo").isZero();
        // Opening a FIFO waits for its other end: the reader opens on its own thread while this one opens the filler.
        CompletableFuture<FileInputStream> opening = CompletableFuture.supplyAsync(() -> {
            try {
                return new FileInputStream(fifo.toFile());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        FileOutputStream filler = new FileOutputStream(fifo.toFile());
        try (FileInputStream stderr = opening.get(10, TimeUnit.SECONDS)) {
            AtomicLong written = new AtomicLong();
            Thread filling = new Thread(() -> {
                try (OutputStream out = filler) {
                    while (written.get() < FILLER_BYTES) {
                        out.write(FILLER);
                        written.addAndGet(FILLER.length);
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }, "stderr-filler");
            filling.setDaemon(true);
            filling.start();
            long seen = -1;
            while (written.get() != seen) { // full once the filler stops getting through
                seen = written.get();
                Thread.sleep(500);
            }
            assertThat(written.get()).as("the pipe full before the command starts").isLessThan(FILLER_BYTES);

            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            // check-config keeps INFO off standard error unless asked (CommandLog): asked, so it logs a line to lose
            Process p = new ProcessBuilder(java, "-Dorderly.commandLog=info", "-cp", System.getProperty("java.class.path"),
                    "org.orderly.tools.OrderlyCommand", "check-config", "--devices", "../config/devices", VALID.toString())
                    .redirectError(fifo.toFile()).start();
            String out;
            try (BufferedReader stdout = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                out = stdout.readLine();
                // Said OK: the command is done and its JVM on its way out. Without the write-out it is gone within
                // this wait, its last line still queued; with it, it waits for the pipe (5 s at most: logback.xml's
                // maxFlushTime). The pipe is read again from here.
                p.waitFor(700, TimeUnit.MILLISECONDS);
                ByteArrayOutputStream err = new ByteArrayOutputStream();
                stderr.transferTo(err); // to the end: the command and the filler both gone
                assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("check-config ended").isTrue();
                String log = err.toString(StandardCharsets.UTF_8).replace(new String(FILLER, StandardCharsets.US_ASCII), "");
                assertThat(out).as(log).startsWith(VALID + ": OK: gateway gw-room-7");
                assertThat(p.exitValue()).as(log).isZero();
                assertThat(log).as("standard error past the filler").matches("(?s)(.*\n)?\\d\\d:\\d\\d:\\d\\d\\.\\d{3} \\[main\\]"
                        + " INFO org\\.orderly\\.gateway\\.app\\.config\\.ConfigLoader - configuration \\Q" + VALID
                        + "\\E loaded: gateway gw-room-7, [^\n]*\n");
            }
            filling.join(10_000);
        }
    }
}
