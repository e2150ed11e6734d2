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
import org.orderly.gateway.field.pile.PileState;
import org.orderly.testkit.Await;
import org.orderly.testkit.ScriptedModbusTcp;

/**
 * The gateway's Modbus piles are started with their configured rating, so that the power their maps read is held to
 * what each can draw (field.pile.OwnDrawBound; the driver's own test, ModbusPileOwnDrawTest, shows it against
 * pymodbus): pile p2 (16 A on ABC, 14.4 kW at most) whose every register reads 3 has a power.total.kw of 196.611 kW.
 */
class ModbusPileRatedTest {
    private static final Path RESOURCES = Path.of("src/test/resources/config");

    @Test
    void aModbusPilesImpossiblePowerIsNotTakenAsItsDraw() throws Exception {
        List<PileFailure> failures = new CopyOnWriteArrayList<>();
        try (ScriptedModbusTcp pile = new ScriptedModbusTcp((request, out) -> {
            int[] words = new int[request.count()];
            Arrays.fill(words, 3); // state.code 3 (C); the uint32 power 0x00030003 x 0.001 is 196.611 kW
            out.write(request.function() == 3 || request.function() == 4 ? request.reply(words)
                    : request.echo(request.transaction(), request.unit()));
        })) {
            String text = Files.readString(RESOURCES.resolve("valid.yaml"))
                    .replace("coap: { host: 127.0.0.1, pskIdentity: p1, pskKeyFile: keys/p1.psk }",
                            "coap: { host: 127.0.0.1, port: 5683, plain: true }")
                    .replace("tcp: { host: 127.0.0.1, port: 5020 }",
                            "tcp: { host: 127.0.0.1, port: " + pile.port() + " }");
            GatewayConfig config = ConfigLoader.parse("t.yaml", text, RESOURCES.resolve("devices"), RESOURCES);
            List<PileDriver> drivers = PileDrivers.start(config, RESOURCES, MapDirs.shipped(RESOURCES.resolve("devices")),
                    Duration.ofMillis(200), Map.of(), failures::add, Clock.systemUTC(), Ticker.SYSTEM);
            try {
                PileDriver p2 = drivers.stream().filter(d -> d.pileId().equals("p2")).findFirst().orElseThrow();
                Await.until("p2's status; failures " + failures, Duration.ofSeconds(20), () -> p2.latest().isPresent());
                PileState status = p2.latest().orElseThrow();
                assertThat(status.powerKw()).as("p2's draw").isNaN();
                assertThat(status.drawMeasured()).isFalse();
            } finally {
                drivers.forEach(PileDriver::close);
            }
        }
    }
}
