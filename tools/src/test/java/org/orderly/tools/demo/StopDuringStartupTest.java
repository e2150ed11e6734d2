package org.orderly.tools.demo;

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
import org.orderly.testkit.LoopbackPorts;

/**
 * SIGTERM while {@code orderly run} or {@code orderly demo} is still starting closes what has started, in reverse
 * order, as a SIGTERM after start-up does: not a JVM that exits with its store, pollers and broker left open.
 *
 * <p>The moment is made without timing: the accounts file of the local page, which starts last, is a named pipe. The
 * child opens it for reading once the store, pollers, drivers and control loop run, and then waits for its content;
 * this test's opening it for writing returns at that moment. The child is sent SIGTERM there, and the pipe is fed only
 * once the child has either said it is stopping or exited.
 */
class StopDuringStartupTest {
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
    void runStoppedWhileItsPageStartsClosesWhatStarted() throws Exception {
        Path config = Files.writeString(dir.resolve("orderly.yaml"), """
                gatewayId: gw-early-stop
                compound:
                  transformer: { limitKw: 40, phaseVoltageV: 230 }
                  piles:
                    - { id: p1, phase: A, maxA: 16, driver: { coap: { host: 127.0.0.1, port: %d, plain: true } } }
                meters:
                  transformer: { bus: room, unit: 1, map: eastron-sdm630 }
                buses:
                  - { name: room, tcp: { host: 127.0.0.1, port: %d }, timing: { timeoutMs: 100, retries: 0 } }
                tariff:
                  periods: [ { from: "00:00", to: "24:00", price: 0.5 } ]
                control: { periodMs: 200 }
                store: { path: orderly.db }
                web: { bind: 127.0.0.1, port: 0, usersFile: users.json }
                """.formatted(LoopbackPorts.free(), LoopbackPorts.free()));
        Path pipe = namedPipe(dir.resolve("users.json"));

        String log = stopWhileReading(pipe, "run", "--config", config.toString(), "--devices", devices());

        assertClosedInOrder(log, "gw-early-stop", dir.resolve("orderly.db"));
    }

    @Test
    @Timeout(120)
    void demoStoppedWhileItsPageStartsClosesWhatStarted() throws Exception {
        FreePorts ports = FreePorts.find(4);
        Path data = Files.createDirectories(dir.resolve("data"));
        Path pipe = namedPipe(data.resolve("web-users.json"));

        String log = stopWhileReading(pipe, "demo", "--piles", "4", "--meter-port", Integer.toString(ports.meterPort()),
                "--first-pile-port", Integer.toString(ports.firstPilePort()), "--broker-port",
                Integer.toString(LoopbackPorts.free()), "--web-port", "0", "--data", data.toString(), "--devices", devices());

        assertClosedInOrder(log, "demo", data.resolve("orderly.db"));
        assertThat(log).as("the demo's own peers are closed after the gateway").containsPattern(
                "closed, last started first: .*store.*firmware-bridges.*transformer meter.*MQTT broker");
    }

    /** Runs {@code orderly args...}, sends it SIGTERM while it waits on {@code pipe}, and returns its log once it exits. */
    private String stopWhileReading(Path pipe, String... args) throws Exception {
        Path log = dir.resolve("child.log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.orderly.tools.OrderlyCommand"));
        command.addAll(List.of(args));
        child = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();

        OutputStream writer = openWhenTheChildReads(pipe, log);
        child.destroy();
        while (child.isAlive() && !read(log).contains("stopping during start-up")) {
            Thread.sleep(50);
        }
        try (writer) {
            writer.write("{\"accounts\":[]}".getBytes(StandardCharsets.UTF_8));
        } catch (IOException readerGone) {
            assertThat(child.isAlive()).as("the pipe broke while the child lives: %s", readerGone).isFalse();
        }
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("exited; its log:%n%s", read(log)).isTrue();
        assertThat(child.exitValue()).as("SIGTERM (128 + 15)").isEqualTo(143);
        return read(log);
    }

    private static void assertClosedInOrder(String log, String gatewayId, Path store) {
        assertThat(log).as("the child was stopped during its start-up").doesNotContain("stop with Ctrl-C");
        List<Integer> at = List.of(indexOf(log, "control loop stopped"), indexOf(log, "bus room stopped"),
                indexOf(log, "store \\S*" + Pattern.quote(store.getFileName().toString()) + " closed"),
                indexOf(log, "gateway " + gatewayId + " stopped"));
        assertThat(at).as("control loop, pollers, store, gateway closed in that order; log:%n%s", log)
                .doesNotContain(-1).isSorted();
        assertThat(store.resolveSibling(store.getFileName() + "-wal")).as("the store's write-ahead log checkpointed"
                + " into the database at close").doesNotExist();
    }

    private static int indexOf(String log, String regex) {
        Matcher m = Pattern.compile(regex).matcher(log);
        return m.find() ? m.start() : -1;
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

    private static String devices() {
        return DemoTest.find("config/devices").toString();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
