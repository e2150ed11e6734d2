package org.orderly.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.testkit.ChildProcess;
import org.orderly.testkit.OnePileGateway;
import org.orderly.tools.testing.OrderlyChild;

/**
 * {@code orderly run} in a child JVM, as systemd runs it, on a store file of random bytes (a power cut, a worn SD
 * card): the gateway starts and stays up, with one ERROR line that says what was found, where the damaged file now is
 * and what to do. Before, it exited at start ({@code cannot open store ...: [SQLITE_NOTADB] ...}) and systemd would
 * restart it in a loop, every pile without coordination. Its pile and meter answer nowhere here: the start does not
 * wait for them.
 */
class DamagedStoreRunTest {
    @TempDir
    Path dir;

    @RegisterExtension
    final OrderlyChild orderly = new OrderlyChild();

    @Test
    @Timeout(120)
    void runStartsOnAStoreOfRandomBytesWithOneErrorLine() throws Exception {
        Path config = Files.writeString(dir.resolve("orderly.yaml"), OnePileGateway.yaml("gw-damaged")
                + "store: { path: data/orderly.db }\n");
        Path store = Files.createDirectories(dir.resolve("data")).resolve("orderly.db");
        byte[] junk = new byte[128 * 1024];
        new Random(11).nextBytes(junk);
        Files.write(store, junk);

        ChildProcess child = orderly.start(dir, List.of("run", "--config", config.toString(), "--devices",
                OrderlyChild.shippedDevices().toString()));
        child.awaitLog("orderly run: gateway 'gw-damaged' started", Duration.ofSeconds(60));

        List<Path> aside;
        try (Stream<Path> s = Files.list(store.getParent())) {
            aside = s.filter(p -> p.getFileName().toString().matches("orderly\\.db\\.damaged-\\d{8}T\\d{6}Z")).toList();
        }
        assertThat(aside).hasSize(1);
        assertThat(Files.readAllBytes(aside.get(0))).isEqualTo(junk);
        List<String> storeErrors = child.log().lines().filter(l -> l.contains("ERROR") && l.contains("orderly.db"))
                .toList();
        assertThat(storeErrors).as(child.log()).singleElement().satisfies(l -> assertThat(l)
                .contains("not a database").contains(aside.get(0).toString()).contains("goes on controlling the piles")
                .contains("Installer:"));
        Thread.sleep(1_000);
        assertThat(child.isAlive()).as("still running; log:%n%s", child.log()).isTrue();
        child.terminate();
        assertThat(child.awaitExit(Duration.ofSeconds(60))).as("SIGTERM (128 + 15)").isEqualTo(143);
    }
}
