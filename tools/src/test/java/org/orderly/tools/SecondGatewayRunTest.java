package org.orderly.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.testkit.ChildProcess;
import org.orderly.testkit.LoopbackPorts;
import org.orderly.testkit.OnePileGateway;

/**
 * Two {@code orderly run} (or {@code orderly demo}) in child JVMs on one store (docs/operations.md, "The store": one
 * gateway per store), as an installer starting the service's configuration by hand to see the log while the service
 * runs, with another web port so that the page's port does not stop it. The second must refuse before it opens the
 * store or leases a pile, with one line naming the store and the first's pid; once the first is killed with SIGKILL
 * (the kernel releases its lock) a gateway starts again on the store. Before, the second opened the store, carried on
 * the first's sessions and drove the same piles beside it.
 */
class SecondGatewayRunTest {
    @TempDir
    Path dir;

    private ChildProcess first;
    private ChildProcess second;
    private ChildProcess third;

    @AfterEach
    void stop() {
        for (ChildProcess c : new ChildProcess[] {third, second, first}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @Test
    @Timeout(240)
    void aSecondGatewayOnAStoreInUseRefusesAtOnceNamingTheHolder() throws Exception {
        int coap = LoopbackPorts.free();
        int modbus = LoopbackPorts.free();
        Path one = config("gw.yaml", coap, modbus, LoopbackPorts.free());
        Path two = config("gw2.yaml", coap, modbus, LoopbackPorts.free());
        Path store = dir.resolve("data/orderly.db");

        first = run("first", one);
        first.awaitLog("orderly run: gateway 'gw-lock' started", Duration.ofSeconds(60));

        second = run("second", two);
        assertThat(refusal(second, "orderly run:")).contains(store.toString()).contains("in use")
                .contains("pid " + first.pid());
        assertThat(second.log()).as("the second never opened the store nor started its control loop")
                .doesNotContain("store " + store + " open").doesNotContain("sessions:").doesNotContain("control loop");
        assertThat(first.isAlive()).as(first.log()).isTrue();

        ProcessHandle.of(first.pid()).orElseThrow().destroyForcibly();
        assertThat(first.awaitExit(Duration.ofSeconds(30))).as("SIGKILL (128 + 9)").isEqualTo(137);
        third = run("third", two);
        third.awaitLog("orderly run: gateway 'gw-lock' started", Duration.ofSeconds(60));
        assertThat(third.log()).contains("store " + store + " open");
    }

    /**
     * The same configuration started twice (by hand beside the service, or beside the demo on its file): the store
     * and the page's port both taken, the line names the store and its holder. Until 2026-12-06 the port was tried
     * first: {@code orderly run: local page: cannot listen on 127.0.0.1:PORT (Address already in use); another program
     * listens on port PORT ...}, exit 1, the other gateway unsaid.
     */
    @Test
    @Timeout(240)
    void theSameConfigurationTwiceIsToldOfTheStoreInUseNotOfThePort() throws Exception {
        Path one = config("gw.yaml", LoopbackPorts.free(), LoopbackPorts.free(), LoopbackPorts.free());
        Path store = dir.resolve("data/orderly.db");

        first = run("first", one);
        first.awaitLog("orderly run: gateway 'gw-lock' started", Duration.ofSeconds(60));

        second = run("second", one);
        assertThat(refusal(second, "orderly run:")).contains(store.toString()).contains("in use")
                .contains("pid " + first.pid()).doesNotContain("cannot listen");
        assertThat(first.isAlive()).as(first.log()).isTrue();
    }

    /**
     * {@code orderly demo} started a second time as the first runs on the same data directory (another terminal, the
     * same command): the store in use and the first's pid, exit 1. Until 2026-12-06 the first of its ports was said
     * taken ({@code orderly demo: MQTT broker: cannot listen on 127.0.0.1:PORT (Address already in use); give
     * --broker-port PORT for another port ...}), which moved the user to another port and then to the store.
     */
    @Test
    @Timeout(240)
    void aSecondDemoOnTheSameDataIsToldOfTheStoreInUse() throws Exception {
        List<String> args = List.of("demo", "--piles", "1", "--meter-port", Integer.toString(LoopbackPorts.free()),
                "--first-pile-port", Integer.toString(LoopbackPorts.free()),
                "--broker-port", Integer.toString(LoopbackPorts.free()), "--web-port", Integer.toString(LoopbackPorts.free()),
                "--data", dir.resolve("data").toString(), "--devices", devices().toString());
        first = orderly("first", args);
        first.awaitLog("stop with Ctrl-C", Duration.ofSeconds(90));

        second = orderly("second", args);
        assertThat(refusal(second, "orderly demo:")).isEqualTo("orderly demo: store " + dir.resolve("data/orderly.db")
                + " is in use by another gateway (pid " + first.pid() + "), another demo on this data directory?: stop"
                + " that one first (Ctrl-C where it runs), or give this one --data DIR of its own");
        assertThat(second.awaitExit(Duration.ofSeconds(1))).isEqualTo(1);
        assertThat(first.isAlive()).as(first.log()).isTrue();
    }

    /** The one line a refused start says, {@code prefix} first, once it has exited non-zero. */
    private static String refusal(ChildProcess refused, String prefix) throws Exception {
        int exit = refused.awaitExit(Duration.ofSeconds(60));
        String log = refused.log();
        assertThat(exit).as(log).isNotZero();
        List<String> lines = log.lines().filter(l -> l.startsWith(prefix)).toList();
        assertThat(lines).as(log).hasSize(1);
        return lines.get(0);
    }

    private ChildProcess run(String name, Path config) throws Exception {
        return orderly(name, List.of("run", "--config", config.toString(), "--devices", devices().toString()));
    }

    private ChildProcess orderly(String name, List<String> args) throws Exception {
        return ChildProcess.startJava("orderly " + args.get(0) + " (" + name + ")", dir, List.of(),
                OrderlyCommand.class.getName(), args, dir.resolve(name + ".log"));
    }

    private Path config(String name, int coap, int modbus, int web) throws Exception {
        return Files.writeString(dir.resolve(name), OnePileGateway.yaml("gw-lock", coap, modbus, 200) + """
                store: { path: data/orderly.db }
                web: { bind: 127.0.0.1, port: %d, usersFile: %s }
                """.formatted(web, dir.resolve(name + ".users.json")));
    }

    private static Path devices() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("config/devices"))) {
                return d.resolve("config/devices");
            }
        }
        throw new IllegalStateException("config/devices not found above " + Path.of("").toAbsolutePath());
    }
}
