package org.orderly.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.testkit.ChildProcess;
import org.orderly.testkit.LoopbackPorts;
import org.orderly.testkit.NamedPipe;
import org.orderly.testkit.OnePileGateway;
import org.orderly.tools.testing.OrderlyChild;

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

    @RegisterExtension
    final OrderlyChild orderly = new OrderlyChild();

    @Test
    @Timeout(120)
    void runStoppedWhileItsPageStartsClosesWhatStarted() throws Exception {
        Path config = Files.writeString(dir.resolve("orderly.yaml"), OnePileGateway.yaml("gw-early-stop") + """
                store: { path: orderly.db }
                web: { bind: 127.0.0.1, port: 0, usersFile: users.json }
                """);
        NamedPipe pipe = NamedPipe.make(dir.resolve("users.json"));

        String log = stopWhileReading(pipe, "run", "--config", config.toString(), "--devices", devices());

        assertClosedInOrder(log, "gw-early-stop", dir.resolve("orderly.db"));
    }

    @Test
    @Timeout(120)
    void demoStoppedWhileItsPageStartsClosesWhatStarted() throws Exception {
        FreePorts ports = FreePorts.find(4);
        Path data = Files.createDirectories(dir.resolve("data"));
        NamedPipe pipe = NamedPipe.make(data.resolve("web-users.json"));

        String log = stopWhileReading(pipe, "demo", "--piles", "4", "--meter-port", Integer.toString(ports.meterPort()),
                "--first-pile-port", Integer.toString(ports.firstPilePort()), "--broker-port",
                Integer.toString(LoopbackPorts.free()), "--web-port", "0", "--data", data.toString(),
                "--devices", devices());

        assertClosedInOrder(log, "demo", data.resolve("orderly.db"));
        assertThat(log).as("the demo's own peers are closed after the gateway").containsPattern(
                "closed, last started first: .*store.*firmware-bridges.*transformer meter.*MQTT broker");
    }

    /**
     * Runs {@code orderly args...}, sends it SIGTERM while it waits on {@code pipe}, and returns its log once it exits.
     */
    private String stopWhileReading(NamedPipe pipe, String... args) throws Exception {
        ChildProcess child = orderly.start(dir, List.of(args));

        OutputStream writer = pipe.openWhenReadBy(child);
        child.terminate();
        while (child.isAlive() && !child.log().contains("stopping during start-up")) {
            Thread.sleep(50);
        }
        try (writer) {
            writer.write("{\"accounts\":[]}".getBytes(StandardCharsets.UTF_8));
        } catch (IOException readerGone) {
            assertThat(child.isAlive()).as("the pipe broke while the child lives: %s", readerGone).isFalse();
        }
        assertThat(child.awaitExit(Duration.ofSeconds(60))).as("SIGTERM (128 + 15)").isEqualTo(143);
        return child.log();
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

    private static String devices() {
        return DemoTest.find("config/devices").toString();
    }
}
