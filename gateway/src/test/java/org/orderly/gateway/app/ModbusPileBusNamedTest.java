package org.orderly.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import org.orderly.gateway.app.config.MapDirs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.app.config.ConfigLoader;
import org.orderly.gateway.app.config.GatewayConfig;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.gateway.field.pile.PileDriver;
import org.orderly.gateway.field.pile.PileFailure;
import org.orderly.gateway.web.CapturedLog;

/**
 * The running gateway's Modbus pile on a serial bus whose port will not open is said in the words of the bus's meters'
 * (SerialPileNotOpenedTest shows the driver's line), naming the bus of the configuration the pile's
 * {@code driver.modbus.bus} names: the gateway starts its drivers with it.
 */
class ModbusPileBusNamedTest {
    private static final Path RESOURCES = Path.of("src/test/resources/config");

    @TempDir
    Path dir;

    @Test
    void aModbusPileWhosePortWillNotOpenNamesItsBus() throws Exception {
        Path notSerial = Files.writeString(dir.resolve("ttyUSB1"), "not a serial port");
        String text = Files.readString(RESOURCES.resolve("valid.yaml"))
                .replace("coap: { host: 127.0.0.1, pskIdentity: p1, pskKeyFile: keys/p1.psk }",
                        "coap: { host: 127.0.0.1, port: 5683, plain: true }")
                .replace("modbus: { bus: room, unit: 20, map: piles/generic-pile }",
                        "modbus: { bus: pile-485, unit: 20, map: piles/generic-pile }")
                .replace("buses:\n", "buses:\n  - name: pile-485\n    serial: { port: " + notSerial + " }\n");
        assertThat(text).contains("bus: pile-485", "port: " + notSerial);
        GatewayConfig config = ConfigLoader.parse("t.yaml", text, RESOURCES.resolve("devices"), RESOURCES);
        List<PileFailure> failures = new CopyOnWriteArrayList<>();

        List<PileDriver> drivers = List.of();
        try (CapturedLog log = new CapturedLog()) {
            drivers = PileDrivers.start(config, RESOURCES, MapDirs.shipped(RESOURCES.resolve("devices")),
                    Duration.ofMillis(200), Map.of(), failures::add, Clock.systemUTC(), Ticker.SYSTEM);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (log.lines("WARN", "pile p2").isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }

            assertThat(log.lines("WARN", "pile p2")).as(log.text()).singleElement().asString()
                    .contains("pile p2 (unit 20) not reached: serial port " + notSerial + " is there but cannot be opened "
                            + "(error 25: not a serial device); check that the port of bus 'pile-485' in the configuration");
        } finally {
            drivers.forEach(PileDriver::close);
        }
    }
}
