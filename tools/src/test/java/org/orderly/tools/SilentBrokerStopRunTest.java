package org.orderly.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.testkit.Await;
import org.orderly.testkit.ChildProcess;
import org.orderly.testkit.Mosquitto;
import org.orderly.testkit.OnePileGateway;
import org.orderly.tools.testing.OrderlyChild;

/**
 * systemd's stop (SIGTERM) of {@code orderly run} whose upstream broker is frozen (SIGSTOP) while the link awaits its
 * CONNACK: the link's stop lets the connect run out its waits (docs/operations.md, "The stop budget"), and the piles and
 * the store must not wait behind it. The pile drivers are let go of (no more lease renewals) and the store flushed at
 * the control loop's stop, before the upstream link's; until 2026-12-06 they were closed after it, last started first.
 */
class SilentBrokerStopRunTest {
    @TempDir
    Path dir;

    @RegisterExtension
    final OrderlyChild orderly = new OrderlyChild();

    @Test
    @Timeout(240)
    void thePilesAreLetGoOfBeforeTheUpstreamLinksWaits() throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"))) {
            broker.pause();
            try {
                Path config = Files.writeString(dir.resolve("orderly.yaml"), OnePileGateway.yaml("gw-stop")
                        + "store: { path: data/orderly.db }\n"
                        + "upstream: { broker: \"" + broker.url() + "\", plaintext: true }\n");
                ChildProcess child = orderly.start(dir, List.of("run", "--config", config.toString(), "--devices",
                        OrderlyChild.shippedDevices().toString()));
                child.awaitLog("orderly run: gateway 'gw-stop' started", Duration.ofSeconds(90));
                // The frozen broker's kernel still accepts the connection: the link has sent its CONNECT and waits.
                Await.until("the link's connection to the frozen broker", Duration.ofSeconds(60),
                        () -> connectedTo(broker.port()));
                child.terminate();
                assertThat(child.awaitExit(Duration.ofSeconds(120))).as("SIGTERM (128 + 15)").isEqualTo(143);
                List<String> lines = child.log().lines().toList();
                int pileLetGo = indexOf(lines, "1 pile let go of: no lease is renewed any more");
                int upstreamStopped = indexOf(lines, "upstream: stopped");
                assertThat(pileLetGo).as(child.log()).isNotNegative();
                assertThat(upstreamStopped).as(child.log()).isNotNegative();
                assertThat(pileLetGo).as("the pile let go of before the upstream link's stop; log:%n%s", child.log())
                        .isLessThan(upstreamStopped);
            } finally {
                broker.resume();
            }
        }
    }

    private static int indexOf(List<String> lines, String part) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(part)) {
                return i;
            }
        }
        return -1;
    }

    /** Whether a TCP connection to {@code port} on 127.0.0.1 is established (ss, the kernel's view). */
    private static boolean connectedTo(int port) {
        try {
            Process ss = new ProcessBuilder("ss", "-Htn", "state", "established", "dport = :" + port).start();
            String out = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            ss.waitFor();
            return !out.isBlank();
        } catch (IOException e) {
            throw new IllegalStateException("ss failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
