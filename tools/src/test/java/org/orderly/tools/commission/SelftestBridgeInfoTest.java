package org.orderly.tools.commission;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.field.modbus.RegisterMapLoader;
import org.orderly.testkit.ExternalTools;
import org.orderly.testkit.LoopbackPorts;
import org.orderly.tools.testing.OrderlyRun;

/**
 * {@code orderly selftest} fails a pile whose bridge says of itself on {@code /info} what the configuration does not:
 * a bridge started as {@code --safe-amps 10} under the default {@code driver.coap.safeAmps} (6 A), one on 32 A where
 * the pile's {@code maxA} is 16; a bridge that agrees passes. Real bridges on loopback, the transformer meter served by
 * pymodbus over Modbus TCP.
 */
class SelftestBridgeInfoTest {
    private static final Path DEVICES = Path.of("../config/devices").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void aBridgeThatDisagreesWithTheConfigurationFailsNamingTheKey() throws Exception {
        String python = ExternalTools.require("python3-pymodbus");
        int modbusPort = LoopbackPorts.free();
        try (ModbusSim sim = ModbusSim.tcp(python, dir, ModbusSim.units(1, RegisterMapLoader.load(DEVICES.resolve("chint-dtsu666.yaml"))),
                        modbusPort);
                Bridge safeTen = Bridge.withSafeAmps("p1", 10);
                Bridge bigger = new Bridge("p2");
                Bridge agrees = new Bridge("p3")) {
            Path config = dir.resolve("rig.yaml");
            Files.writeString(config, """
                    gatewayId: rig
                    compound:
                      transformer: { limitKw: 100, phaseVoltageV: 230 }
                      piles:
                        - { id: p1, phase: A, maxA: 32, driver: { coap: { host: 127.0.0.1, port: %d, plain: true } } }
                        - { id: p2, phase: B, maxA: 16, driver: { coap: { host: 127.0.0.1, port: %d, plain: true } } }
                        - { id: p3, phase: C, maxA: 32, driver: { coap: { host: 127.0.0.1, port: %d, plain: true } } }
                    meters:
                      transformer: { bus: room, unit: 1, map: chint-dtsu666 }
                    buses:
                      - { name: room, tcp: { host: 127.0.0.1, port: %d } }
                    tariff:
                      periods: [ { from: "00:00", to: "24:00", price: 1 } ]
                    """.formatted(safeTen.port(), bigger.port(), agrees.port(), modbusPort));

            OrderlyRun r = OrderlyRun.of("selftest", "--config", config.toString(), "--devices", DEVICES.toString());
            System.out.println(r.out());

            assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
            List<String> rows = r.out().lines().toList();
            assertThat(rows.get(2)).as(r.out()).matches("p1\\s+pile\\s+coap 127.0.0.1:\\d+\\s+FAIL\\s+.*"
                    + "safe current .*10 A.*driver.coap.safeAmps 6 A.*; state .*");
            assertThat(rows.get(3)).as(r.out()).matches("p2\\s+pile\\s+coap 127.0.0.1:\\d+\\s+FAIL\\s+.*maxAmps 32 A.*maxA 16 A.*");
            assertThat(rows.get(4)).as(r.out()).matches("p3\\s+pile\\s+coap 127.0.0.1:\\d+\\s+PASS\\s+state .*");
            assertThat(rows.get(5)).as(r.out()).isEqualTo("selftest: 2 of 4 devices FAIL");
        }
    }
}
