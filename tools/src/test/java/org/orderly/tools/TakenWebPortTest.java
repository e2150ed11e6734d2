package org.orderly.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.testkit.ChildProcess;
import org.orderly.testkit.LoopbackPorts;
import org.orderly.testkit.OnePileGateway;
import org.orderly.tools.testing.OrderlyChild;

/**
 * A local page whose port another program holds is one line in the project's form, {@code orderly COMMAND: ...}, as
 * an installer sees it (a JVM of its own, with the shipped logback.xml): not Javalin's
 * {@code ERROR io.javalin.Javalin - Failed to start Javalin} first, and for the demo not {@code demo: ...}.
 */
class TakenWebPortTest {
    @TempDir
    Path dir;

    @RegisterExtension
    final OrderlyChild orderly = new OrderlyChild();

    @Test
    @Timeout(120)
    void runSaysSoInOneLineOfItsOwn() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Path config = Files.writeString(dir.resolve("gw.yaml"),
                    OnePileGateway.yaml("gw-web", LoopbackPorts.free(), LoopbackPorts.free(), 200) + """
                    store: { path: data/orderly.db }
                    web: { bind: 127.0.0.1, port: %d, usersFile: %s }
                    """.formatted(taken.getLocalPort(), dir.resolve("users.json")));

            String log = exitOneAndLog("run", "--config", config.toString());

            assertThat(errorLines(log)).as(log).singleElement().satisfies(l -> assertThat(l)
                    .startsWith("orderly run: local page: cannot listen on 127.0.0.1:" + taken.getLocalPort())
                    .contains("web.port"));
        }
    }

    @Test
    @Timeout(120)
    void theDemoSaysSoInOneLineInTheProjectsForm() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int meter = LoopbackPorts.free();
            int firstPile = LoopbackPorts.free();
            String log = exitOneAndLog("demo", "--piles", "1", "--meter-port", Integer.toString(meter),
                    "--first-pile-port", Integer.toString(firstPile),
                    "--broker-port", Integer.toString(LoopbackPorts.free()),
                    "--web-port", Integer.toString(taken.getLocalPort()), "--data", dir.resolve("data").toString());

            assertThat(errorLines(log)).as(log).singleElement().satisfies(l -> assertThat(l)
                    .startsWith("orderly demo: local page: cannot listen on 127.0.0.1:" + taken.getLocalPort())
                    .contains("--web-port"));
        }
    }

    private String exitOneAndLog(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--devices", OrderlyChild.shippedDevices().toString()));
        ChildProcess child = orderly.start(dir, args[0] + ".log", all);
        int exit = child.awaitExit(Duration.ofSeconds(90));
        String log = child.log();
        assertThat(exit).as(log).isEqualTo(1);
        return log;
    }

    /** The lines that say something failed: the command's own, and any ERROR of the log. */
    private static List<String> errorLines(String log) {
        return log.lines().filter(l -> l.startsWith("orderly ") || l.startsWith("demo:") || l.contains(" ERROR "))
                .toList();
    }
}
