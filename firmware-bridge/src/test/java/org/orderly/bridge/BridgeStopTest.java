package org.orderly.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.bridge.testing.MockBoard;

/**
 * SIGTERM to the bridge (systemd's stop, a restart loop) leaves the pile safe, whenever it comes: the relay open, the
 * pilot in standby (no current offered), Pi4J's context shut down (its pins released). The bridge runs in a child JVM
 * ({@link BridgeOnMockBoard}) with {@code --gpio} on Pi4J's mock board, whose log says every change of the pins; what it
 * says last is what the pins were left at.
 *
 * <p>The moment during start-up is made without timing: the relay's first closing (the pile's first step offers the
 * safe current to the simulated car, which goes to C) holds on a named pipe, relay closed; this test's opening the pipe
 * for writing returns once the child reads it. The child is sent SIGTERM there, and the pipe is fed only once the child
 * has either said it is stopping or exited.
 */
class BridgeStopTest {
    @TempDir
    Path dir;

    private Process child;

    @AfterEach
    void kill() throws InterruptedException {
        if (child != null && child.isAlive()) {
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    @Timeout(120)
    void aStopWhileThePileFirstDrivesItsOutputsLeavesItSafe() throws Exception {
        Path key = Files.writeString(dir.resolve("P1.psk"), "secret-key");
        Path pipe = namedPipe(dir.resolve("relay.fifo"));
        Path log = dir.resolve("bridge.log");
        start(log, List.of("-Dboard.holdAtFirstRelayClose=" + pipe), "--pile", "P1", "--bind", "127.0.0.1",
                "--port", "0", "--psk-identity", "gw-P1", "--psk-key-file", key.toString(), "--simulate-vehicle",
                "--gpio", "--tick-ms", "200");

        OutputStream writer = openWhenTheChildReads(pipe, log);
        assertThat(read(log)).as("held with the relay closed").contains("board: relay HIGH");
        child.destroy();
        while (child.isAlive() && !read(log).contains("stopping during start-up")) {
            Thread.sleep(50);
        }
        try (writer) {
            writer.write('\n');
        } catch (IOException readerGone) {
            assertThat(child.isAlive()).as("the pipe broke while the child lives: %s", readerGone).isFalse();
        }

        String said = awaitExit(log);
        assertThat(said).as("stopped during its start-up").doesNotContain("CoAP on coap");
        assertLeftSafe(said);
    }

    @Test
    @Timeout(120)
    void aStopAfterStartUpLeavesThePileSafeAndTheBoardReleased() throws Exception {
        Path log = dir.resolve("bridge.log");
        start(log, List.of(), "--pile", "P1", "--bind", "127.0.0.1", "--port", "0", "--plain", "--simulate-vehicle",
                "--gpio", "--tick-ms", "200");
        while (!read(log).contains("plain (unencrypted) CoAP on coap://127.0.0.1:")) {
            assertThat(child.isAlive()).as("the bridge runs; its log:%n%s", read(log)).isTrue();
            Thread.sleep(50);
        }
        assertThat(read(log)).as("charging the simulated car").contains("board: relay HIGH");

        child.destroy();

        assertLeftSafe(awaitExit(log));
    }

    /** The last word of the board on each pin is the safe one, and Pi4J's context was shut down. */
    private static void assertLeftSafe(String log) {
        assertThat(last(log, "board: relay (\\w+)")).as("relay left open; log:%n%s", log).isEqualTo("LOW");
        assertThat(last(log, "board: pwm (.+)")).as("pilot left in standby (+12 V, no current); log:%n%s", log)
                .isEqualTo("on 100.0 % at 1000 Hz");
        assertThat(log).as("GPIO released").contains("board: Pi4J context shut down");
    }

    private void start(Path log, List<String> jvmOptions, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path")));
        command.addAll(jvmOptions);
        command.add(BridgeOnMockBoard.class.getName());
        command.addAll(List.of(args));
        child = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
    }

    private String awaitExit(Path log) throws InterruptedException {
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("exited; its log:%n%s", read(log)).isTrue();
        assertThat(child.exitValue()).as("SIGTERM (128 + 15); log:%n%s", read(log)).isEqualTo(143);
        return read(log);
    }

    private static String last(String log, String regex) {
        Matcher m = Pattern.compile(regex).matcher(log);
        String found = null;
        while (m.find()) {
            found = m.group(1);
        }
        return found;
    }

    /**
     * Opens {@code pipe} for writing, which returns once the child has opened it for reading. Fails with the child's
     * log when the child exits first.
     */
    private OutputStream openWhenTheChildReads(Path pipe, Path log) throws Exception {
        CompletableFuture<OutputStream> open = CompletableFuture.supplyAsync(() -> {
            try {
                return new FileOutputStream(pipe.toFile());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        while (true) {
            try {
                return open.get(100, TimeUnit.MILLISECONDS);
            } catch (TimeoutException notYet) {
                if (!child.isAlive()) {
                    new FileInputStream(pipe.toFile()).close(); // lets the waiting open return
                    throw new IllegalStateException("the child exited with " + child.exitValue()
                            + " before it read " + pipe + "; its log:\n" + read(log));
                }
            }
        }
    }

    private static Path namedPipe(Path path) throws Exception {
        Process mkfifo = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
        assertThat(mkfifo.waitFor()).as("mkfifo " + path).isZero();
        return path;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
