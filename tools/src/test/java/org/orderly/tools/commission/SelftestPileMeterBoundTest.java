package org.orderly.tools.commission;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.field.modbus.RegisterMapLoader;
import org.orderly.gateway.field.pile.PileMapLoader;
import org.orderly.testkit.ExternalTools;
import org.orderly.testkit.LoopbackPorts;
import org.orderly.tools.testing.OrderlyRun;

/**
 * {@code orderly selftest} holds a pile meter to what its own pile can draw, as the running gateway does (its
 * {@code maxA} on each phase at 300 V), and says so with the gateway's line. pymodbus serves on loopback the transformer
 * meter, an SDM120 pile meter and a generic Modbus pile, each reading 2.5 kW, for a 6 A pile, which draws at most
 * 1.8 kW. Until 2026-12-05 the meter's row was PASS (a pile meter was held to 80 A on 3 phases, 55.2 kW, whatever its
 * pile), and the gateway then took none of its readings as the car's draw.
 */
class SelftestPileMeterBoundTest {
    private static final Path DEVICES = Path.of("../config/devices").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void aPileMeterReadingMoreThanItsPileCanDrawFailsWithTheGatewaysLine() throws Exception {
        String python = ExternalTools.require("python3-pymodbus");
        int port = LoopbackPorts.free();
        try (ModbusSim sim = ModbusSim.tcp(python, dir, ModbusSim.units(
                1, RegisterMapLoader.load(DEVICES.resolve("chint-dtsu666.yaml")),
                2, RegisterMapLoader.load(DEVICES.resolve("eastron-sdm120.yaml")),
                21, PileMapLoader.load(DEVICES.resolve("piles/generic-pile.yaml")).status()), port)) {
            Path config = Files.writeString(dir.resolve("orderly.yaml"), """
                    gatewayId: rig
                    compound:
                      transformer: { limitKw: 100, phaseVoltageV: 230 }
                      piles:
                        - { id: p1, phase: A, minA: 6, maxA: 6, driver: { modbus: { bus: room, unit: 21, map: piles/generic-pile } } }
                    meters:
                      transformer: { bus: room, unit: 1, map: chint-dtsu666 }
                      piles:
                        - { pile: p1, bus: room, unit: 2, map: eastron-sdm120 }
                    buses:
                      - { name: room, tcp: { host: 127.0.0.1, port: %d } }
                    tariff:
                      periods: [ { from: "00:00", to: "24:00", price: 1 } ]
                    """.formatted(port));

            OrderlyRun r = OrderlyRun.of("selftest", "--config", config.toString(), "--devices", DEVICES.toString(),
                    "--wait-s", "30");

            assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
            assertThat(r.out())
                    .containsPattern("transformer\\s+meter chint-dtsu666\\s+room unit 1\\s+PASS")
                    .containsPattern("pile-p1\\s+meter eastron-sdm120\\s+room unit 2\\s+FAIL\\s+pile p1: its meter pile-p1"
                            + " reads power.total.kw = 2.50 kW, more than the pile can draw \\(bound: 6 A on 1 phase at"
                            + " 300 V is 1.8 kW\\); check the meter's register map \\(type, scale, word order\\) and its CT"
                            + " ratio\\n")
                    .containsPattern("p1\\s+pile\\s+room unit 21\\s+FAIL\\s+power drawn 2.50 kW is more than pile p1 can"
                            + " draw: 6 A on 1 phase at 300 V is 1.8 kW; ");
        }
    }
}
