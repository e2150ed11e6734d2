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
        try (Bridge safeTen = Bridge.withSafeAmps("p1", 10);
                Bridge bigger = new Bridge("p2");
                Bridge agrees = new Bridge("p3")) {
            OrderlyRun r = selftest(pile("p1", "A", 32, safeTen.port()) + pile("p2", "B", 16, bigger.port())
                    + pile("p3", "C", 32, agrees.port()));

            assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
            List<String> rows = SelftestYaml.table(r.out());
            assertThat(rows.get(2)).as(r.out()).matches("p1\\s+pile\\s+coap 127.0.0.1:\\d+\\s+FAIL\\s+.*"
                    + "safe current .*10 A.*driver.coap.safeAmps 6 A.*; state .*");
            assertThat(rows.get(3)).as(r.out()).matches("p2\\s+pile\\s+coap 127.0.0.1:\\d+\\s+FAIL\\s+.*maxAmps 32 A.*maxA 16 A.*");
            assertThat(rows.get(4)).as(r.out()).matches("p3\\s+pile\\s+coap 127.0.0.1:\\d+\\s+PASS\\s+state .*");
            assertThat(rows.get(5)).as(r.out()).isEqualTo("selftest: 2 of 4 devices FAIL");
        }
    }

    /**
     * Two bridges whose addresses are swapped in the configuration: each pile's row fails naming both ids, as sent, and
     * the address, and nothing of the other pile's status (its state, its offer) is said as this pile's.
     */
    @Test
    void bridgesAtSwappedAddressesFailNamingBothIds() throws Exception {
        try (Bridge p1 = new Bridge("p1"); Bridge p2 = new Bridge("p2")) {
            OrderlyRun r = selftest(pile("p1", "A", 32, p2.port()) + pile("p2", "B", 32, p1.port()));

            assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
            List<String> rows = SelftestYaml.table(r.out());
            assertThat(rows.get(2)).as(r.out()).matches("p1\\s+pile\\s+coap 127.0.0.1:" + p2.port() + "\\s+FAIL\\s+"
                    + "pile p1: the bridge at coap://127.0.0.1:" + p2.port() + " says it is pile \"p2\" \\(/info pileId,"
                    + " its --pile\\), not \"p1\".*host and port of pile p1.*").doesNotContain("state ");
            assertThat(rows.get(3)).as(r.out()).matches("p2\\s+pile\\s+coap 127.0.0.1:" + p1.port() + "\\s+FAIL\\s+"
                    + "pile p2: the bridge at coap://127.0.0.1:" + p1.port() + " says it is pile \"p1\".*not \"p2\".*");
            assertThat(rows.get(4)).as(r.out()).isEqualTo("selftest: 2 of 3 devices FAIL");
        }
    }

    /** One line of {@code compound.piles}: a plain bridge on 127.0.0.1:{@code port}. */
    private static String pile(String id, String phase, int maxA, int port) {
        return "    - { id: %s, phase: %s, maxA: %d, driver: { coap: { host: 127.0.0.1, port: %d, plain: true } } }\n"
                .formatted(id, phase, maxA, port);
    }

    /** {@code orderly selftest} of these piles, the transformer meter served by pymodbus over Modbus TCP. */
    private OrderlyRun selftest(String piles) throws Exception {
        String python = ExternalTools.require("python3-pymodbus");
        int modbusPort = LoopbackPorts.free();
        try (ModbusSim sim = ModbusSim.tcp(python, dir, ModbusSim.units(1, RegisterMapLoader.load(DEVICES.resolve("chint-dtsu666.yaml"))),
                modbusPort)) {
            Path config = dir.resolve("rig.yaml");
            Files.writeString(config, "gatewayId: rig\ncompound:\n  transformer: { limitKw: 100, phaseVoltageV: 230 }\n"
                    + "  piles:\n" + piles + """
                    meters:
                      transformer: { bus: room, unit: 1, map: chint-dtsu666 }
                    buses:
                      - { name: room, tcp: { host: 127.0.0.1, port: %d } }
                    tariff:
                      periods: [ { from: "00:00", to: "24:00", price: 1 } ]
                    """.formatted(modbusPort));
            OrderlyRun r = OrderlyRun.of("selftest", "--config", config.toString(), "--devices", DEVICES.toString());
            System.out.println(r.out());
            return r;
        }
    }
}
