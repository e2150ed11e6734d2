package org.orderly.tools.commission;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.bridge.pile.PileFault;
import org.orderly.gateway.field.modbus.RegisterMapLoader;
import org.orderly.testkit.ExternalTools;
import org.orderly.testkit.LoopbackPorts;
import org.orderly.tools.testing.OrderlyRun;

/**
 * {@code orderly selftest} fails a pile that answers but is not well: one held in fault by its bridge (a welded
 * contactor), one whose own meter does not answer; a pile whose meter answers passes and says so. Real bridges on
 * loopback; the transformer meter and the good pile meter (an Eastron SDM630) served by pymodbus over Modbus TCP.
 */
class SelftestPileHealthTest {
    private static final Path DEVICES = Path.of("../config/devices").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void aPileInFaultOrWithASilentMeterFails() throws Exception {
        String python = ExternalTools.require("python3-pymodbus");
        int modbusPort = LoopbackPorts.free();
        int nothingListens = LoopbackPorts.free();
        try (ModbusSim sim = ModbusSim.tcp(python, dir, ModbusSim.units(1, RegisterMapLoader.load(DEVICES.resolve("chint-dtsu666.yaml")),
                        3, RegisterMapLoader.load(DEVICES.resolve("eastron-sdm630.yaml"))), modbusPort);
                Bridge welded = new Bridge("p1");
                Bridge silent = Bridge.metered("p2", nothingListens, 1);
                Bridge good = Bridge.metered("p3", modbusPort, 3)) {
            welded.pile.trip(PileFault.contactorWelded());
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!good.pile.status().meterOk().orElse(false)) {
                assertThat(System.nanoTime()).as("p3's meter answers its bridge within 10 s").isLessThan(deadline);
                Thread.sleep(50);
            }
            Path config = dir.resolve("rig.yaml");
            Files.writeString(config, """
                    gatewayId: rig
                    compound:
                      transformer: { limitKw: 100, phaseVoltageV: 230 }
                      piles:
                        - { id: p1, phase: A, maxA: 32, driver: { coap: { host: 127.0.0.1, port: %d, plain: true } } }
                        - { id: p2, phase: B, maxA: 32, driver: { coap: { host: 127.0.0.1, port: %d, plain: true } } }
                        - { id: p3, phase: C, maxA: 32, driver: { coap: { host: 127.0.0.1, port: %d, plain: true } } }
                    meters:
                      transformer: { bus: room, unit: 1, map: chint-dtsu666 }
                    buses:
                      - { name: room, tcp: { host: 127.0.0.1, port: %d } }
                    tariff:
                      periods: [ { from: "00:00", to: "24:00", price: 1 } ]
                    """.formatted(welded.port(), silent.port(), good.port(), modbusPort));

            OrderlyRun r = OrderlyRun.of("selftest", "--config", config.toString(), "--devices", DEVICES.toString());

            assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
            List<String> rows = SelftestYaml.table(r.out());
            assertThat(rows.get(1)).as(r.out()).matches("transformer\\s+meter chint-dtsu666\\s+room unit 1\\s+PASS\\s+.*");
            assertThat(rows.get(2)).as(r.out())
                    .matches("p1\\s+pile\\s+coap 127.0.0.1:\\d+\\s+FAIL\\s+FAULT contactor welded: .*may carry current.*");
            assertThat(rows.get(3)).as(r.out()).matches("p2\\s+pile\\s+coap 127.0.0.1:\\d+\\s+FAIL\\s+its meter not answering: .*");
            assertThat(rows.get(4)).as(r.out()).matches("p3\\s+pile\\s+coap 127.0.0.1:\\d+\\s+PASS\\s+state A, .*its meter answers.*");
            assertThat(rows.get(5)).as(r.out()).isEqualTo("selftest: 2 of 4 devices FAIL");
        }
    }
}
