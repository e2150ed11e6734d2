package org.orderly.tools.commission;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.field.modbus.RegisterMapLoader;
import org.orderly.testkit.ExternalTools;
import org.orderly.testkit.LoopbackPorts;
import org.orderly.tools.testing.OrderlyRun;

/**
 * The installer's mistakes as {@code orderly selftest} and {@code orderly pile get} meet them, on loopback: pymodbus
 * serves a DTSU666 at unit 1 and an SDM120 at unit 11, and the configuration has the transformer meter at unit 2, the
 * SDM120 read with the SDM630's map, a Modbus pile at a unit nobody answers and a bridge's port with no bridge. Each
 * failing row says in plain words what is wrong and what to check, before the driver's own detail.
 */
class SelftestAdviceTest {
    private static final Path DEVICES = Path.of("../config/devices").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void eachFailingRowSaysWhatIsWrongAndWhatToCheck() throws Exception {
        String python = ExternalTools.require("python3-pymodbus");
        int port = LoopbackPorts.free();
        int silent;
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            silent = s.getLocalPort();
        }
        try (ModbusSim sim = ModbusSim.tcp(python, dir, ModbusSim.units(1, RegisterMapLoader.load(DEVICES.resolve("chint-dtsu666.yaml")),
                11, RegisterMapLoader.load(DEVICES.resolve("eastron-sdm120.yaml"))), port)) {
            Path config = Files.writeString(dir.resolve("orderly.yaml"), """
                    gatewayId: rig
                    compound:
                      transformer: { limitKw: 100, phaseVoltageV: 230 }
                      piles:
                        - { id: p1, phase: A, maxA: 32, driver: { modbus: { bus: room, unit: 23, map: piles/generic-pile } } }
                        - { id: p2, phase: B, maxA: 32, driver: { coap: { host: 127.0.0.1, port: %d, plain: true } } }
                    meters:
                      transformer: { bus: room, unit: 2, map: chint-dtsu666 }
                      piles:
                        - { pile: p1, bus: room, unit: 11, map: eastron-sdm630 }
                    buses:
                      - { name: room, tcp: { host: 127.0.0.1, port: %d } }
                    tariff:
                      periods: [ { from: "00:00", to: "24:00", price: 1 } ]
                    """.formatted(silent, port));
            OrderlyRun r = OrderlyRun.of("selftest", "--config", config.toString(), "--devices", DEVICES.toString(), "--wait-s", "2");
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.out())
                    .containsPattern("transformer\\s+meter chint-dtsu666\\s+room unit 2\\s+FAIL\\s+no answer from unit 2: check its "
                            + "unit id \\(orderly modbus scan lists the units that answer\\), the line settings and the wiring; TIMEOUT: ")
                    .containsPattern("pile-p1\\s+meter eastron-sdm630\\s+room unit 11\\s+FAIL\\s+unit 11 refuses the map's registers: "
                            + "the map does not fit this meter \\(orderly modbus scan names one that does\\); EXCEPTION_RESPONSE: ")
                    .containsPattern("p1\\s+pile\\s+room unit 23\\s+FAIL\\s+no status within 2 s: no answer: check the pile's unit "
                            + "id, the line settings and the wiring; TIMEOUT: ")
                    .containsPattern("p2\\s+pile\\s+coap 127.0.0.1:" + silent + "\\s+FAIL\\s+no status within 2 s: no answer to "
                            + "plain CoAP: the bridge may speak DTLS only \\(coaps, port 5684: .*\\), or not run there: check its "
                            + "address and port");

            OrderlyRun get = OrderlyRun.of("pile", "get", "--modbus-host", "127.0.0.1", "--tcp-port", Integer.toString(port),
                    "--unit", "23", "--map", "piles/generic-pile", "--wait-s", "2", "--devices", DEVICES.toString());
            assertThat(get.exit()).isEqualTo(1);
            assertThat(get.err())
                    .contains("pile: no status within 2 s: no answer: check the pile's unit id, the line settings and the wiring");
        }
    }
}
