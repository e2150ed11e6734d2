package org.orderly.tools.commission;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.testkit.Await;
import org.orderly.testkit.Mosquitto;
import org.orderly.tools.OrderlyCommand;
import picocli.CommandLine;

/**
 * selftest asks the upstream broker beside the piles and prints its line once the broker has answered: with a pile
 * that never answers, the broker's line is there while the pile is still awaited (its --wait-s not over, the command
 * running, no table yet), and comes before the table (until 2026-12-07 it came after every pile's wait). A real
 * Mosquitto 2 on 127.0.0.1.
 */
@Timeout(120)
class SelftestUpstreamFirstTest {
    private static final Path DEVICES = Path.of("../config/devices").toAbsolutePath().normalize();
    /** Long beside a broker on loopback answering: the pile is still awaited when the broker's line is looked for. */
    private static final int WAIT_S = 30;

    @TempDir
    Path dir;

    @Test
    void theBrokersLineComesWhileASilentPileIsStillAwaitedAndBeforeTheTable() throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"))) {
            Path config = SelftestYaml.answeringNowhere(dir, "upstream: { broker: \"" + broker.url() + "\", plaintext: true }\n");
            // StringWriter's buffer is synchronized: read here while the command writes it.
            StringWriter out = new StringWriter();
            CommandLine cl = OrderlyCommand.commandLine();
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(new StringWriter(), true));
            CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> cl.execute("selftest", "--config",
                    config.toString(), "--devices", DEVICES.toString(), "--wait-s", String.valueOf(WAIT_S)));
            String brokerLine = "upstream " + broker.url() + ": PASS: connected as rig";
            Await.until("the broker's line while pile p1 is awaited", Duration.ofSeconds(WAIT_S - 5),
                    () -> out.toString().contains(brokerLine));
            assertThat(run).as("selftest still awaiting the silent pile").isNotDone();
            assertThat(out.toString()).as("no table before the piles are read").doesNotContain("p1 ");

            assertThat(run.get(WAIT_S + 60, TimeUnit.SECONDS)).as(out.toString()).isEqualTo(1);
            List<String> lines = out.toString().lines().toList();
            assertThat(lines.stream().filter(l -> l.startsWith("upstream")).toList()).as("one broker line").hasSize(1);
            assertThat(lines.get(0)).as("the broker's line first, the table after it").startsWith(brokerLine);
            assertThat(out.toString()).containsPattern("p1\\s+pile\\s+coap 127.0.0.1:\\d+\\s+FAIL\\s+no status within "
                    + WAIT_S + " s");
        }
    }
}
