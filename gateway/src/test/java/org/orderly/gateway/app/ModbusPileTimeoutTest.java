package org.orderly.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import org.orderly.gateway.app.config.MapDirs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.app.config.ConfigLoader;
import org.orderly.gateway.app.config.GatewayConfig;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.gateway.field.pile.PileDriver;
import org.orderly.gateway.field.pile.PileFailure;
import org.orderly.testkit.Await;
import org.orderly.testkit.ScriptedModbusTcp;

/**
 * A Modbus pile's requests wait as long as its bus's {@code timing.timeoutMs} says, the pile having no timeout of its
 * own: a pile behind a slow Modbus TCP gateway, answering in 500 ms on a bus given 1000, is read. Until 2026-12-04 the
 * gateway gave every Modbus pile 300 ms whatever its bus said, and such a pile timed out at each request.
 */
class ModbusPileTimeoutTest {
    private static final Path RESOURCES = Path.of("src/test/resources/config");
    private static final long ANSWERS_AFTER_MS = 500;

    @Test
    void aPileIsGivenItsBusesTimeout() throws Exception {
        List<PileFailure> failures = new CopyOnWriteArrayList<>();
        try (ScriptedModbusTcp slow = new ScriptedModbusTcp((request, out) -> {
            Thread.sleep(ANSWERS_AFTER_MS); // the pile behind the gateway answering slowly, as the bus's timing allows
            int[] words = new int[request.count()];
            Arrays.fill(words, 3); // state.code 3 is in the generic pile's states
            out.write(request.function() == 3 || request.function() == 4 ? request.reply(words)
                    : request.echo(request.transaction(), request.unit()));
        })) {
            String text = Files.readString(RESOURCES.resolve("valid.yaml"))
                    .replace("coap: { host: 127.0.0.1, pskIdentity: p1, pskKeyFile: keys/p1.psk }",
                            "coap: { host: 127.0.0.1, port: 5683, plain: true }")
                    .replace("tcp: { host: 127.0.0.1, port: 5020 }", "tcp: { host: 127.0.0.1, port: " + slow.port() + " }")
                    .replace("timeoutMs: 200", "timeoutMs: 1000");
            GatewayConfig config = ConfigLoader.parse("t.yaml", text, RESOURCES.resolve("devices"), RESOURCES);
            List<PileDriver> drivers = PileDrivers.start(config, RESOURCES, MapDirs.shipped(RESOURCES.resolve("devices")),
                    Duration.ofMillis(200), Map.of(), failures::add, Clock.systemUTC(), Ticker.SYSTEM);
            try {
                PileDriver p2 = drivers.stream().filter(d -> d.pileId().equals("p2")).findFirst().orElseThrow();

                Await.until("p2's status read through its slow gateway; failures " + failures, Duration.ofSeconds(60),
                        () -> p2.latest().isPresent() || failures.stream().anyMatch(f -> f.pileId().equals("p2")));

                assertThat(failures).filteredOn(f -> f.pileId().equals("p2")).as("p2's failures").isEmpty();
                assertThat(p2.latest()).isPresent();
            } finally {
                drivers.forEach(PileDriver::close);
            }
        }
    }
}
