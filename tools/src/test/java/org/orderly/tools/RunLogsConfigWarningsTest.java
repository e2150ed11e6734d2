package org.orderly.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.testkit.ChildProcess;
import org.orderly.testkit.LoopbackPorts;
import org.orderly.tools.testing.OrderlyChild;

/**
 * {@code orderly run} in a child JVM says the configuration's warnings in its log at the start, each once as a WARN
 * line with the file, line and column check-config prints: a running gateway's installer reads the journal, not
 * check-config. Its piles and meter answer nowhere here: the start does not wait for them.
 */
class RunLogsConfigWarningsTest {
    @TempDir
    Path dir;

    @RegisterExtension
    final OrderlyChild orderly = new OrderlyChild();

    @Test
    @Timeout(120)
    void runLogsEachWarningOfTheConfigurationOnceAtItsStart() throws Exception {
        // Line 3: a line limit the piles' safe currents exceed with the gateway stopped (FallbackRoom); line 8: a meter
        // whose map reads no line under that limit (TransformerLines).
        Path config = Files.writeString(dir.resolve("orderly.yaml"), """
                gatewayId: gw-warned
                compound:
                  transformer: { limitKw: 40, phaseLimitA: 20, phaseVoltageV: 230 }
                  piles:
                    - { id: p1, phase: A, maxA: 16, driver: { coap: { host: 127.0.0.1, port: %d, plain: true, safeAmps: 16 } } }
                    - { id: p2, phase: A, maxA: 16, driver: { coap: { host: 127.0.0.1, port: %d, plain: true, safeAmps: 10 } } }
                meters:
                  transformer: { bus: room, unit: 1, map: generic }
                buses:
                  - { name: room, tcp: { host: 127.0.0.1, port: %d }, timing: { timeoutMs: 100, retries: 0 } }
                tariff:
                  periods: [ { from: "00:00", to: "24:00", price: 0.5 } ]
                control: { periodMs: 400 }
                store: { path: data/orderly.db }
                """.formatted(LoopbackPorts.free(), LoopbackPorts.free(), LoopbackPorts.free()));

        ChildProcess child = orderly.start(dir, List.of("run", "--config", config.toString(), "--devices",
                OrderlyChild.shippedDevices().toString()));
        child.awaitLog("orderly run: gateway 'gw-warned' started", Duration.ofSeconds(60));

        List<String> warned = child.log().lines().filter(l -> l.contains(": warning: ")).toList();
        assertThat(warned).as(child.log()).hasSize(2).allSatisfy(l -> assertThat(l).contains(" WARN "));
        assertThat(warned.get(0)).contains(config + ":3:44: warning: 'phaseLimitA' of the transformer is 20 A, but with"
                + " the gateway stopped the piles on line A fall back to 26 A in all (p1 16 A, p2 10 A)");
        assertThat(warned.get(1)).endsWith(config + ":8:43: warning: transformer meter 'transformer' (map 'generic')"
                + " reads neither each line's power (power.a.kw, power.b.kw, power.c.kw) nor each line's current"
                + " (current.a.a, current.b.a, current.c.a), so each line's room of phaseLimitA 20 A takes the"
                + " households' load as split evenly over A, B and C: a line they load more than the others can be"
                + " overloaded; read the lines to keep to each");
    }
}
