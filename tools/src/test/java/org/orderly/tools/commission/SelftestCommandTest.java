package org.orderly.tools.commission;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.field.modbus.RegisterMapLoader;
import org.orderly.testkit.ExternalTools;
import org.orderly.testkit.LoopbackPorts;
import org.orderly.testkit.SocatPair;
import org.orderly.tools.testing.OrderlyRun;

/**
 * {@code orderly selftest} on a small real rig: a Chint DTSU666 transformer meter served by pymodbus over Modbus TCP,
 * a DL/T 645 pile meter (the gateway's simulated-meter script across a socat pty pair), and two real
 * firmware-bridges on loopback. All pass; then one pile is pointed at a silent port and one meter at an absent unit,
 * and exactly those two rows fail with exit 1.
 */
class SelftestCommandTest {
    private static final Path DEVICES = Path.of("../config/devices").toAbsolutePath().normalize();
    private static final String METER_645 = "{\"meters\": {\"000000000042\": {\"02030000\": 3.5, \"00010000\": 12.25}}}";

    @TempDir
    Path dir;

    private static String config(int modbusPort, Path pty, int coap1, int coap2, int pileMeterUnit) {
        return """
                gatewayId: rig
                compound:
                  transformer: { limitKw: 100, phaseVoltageV: 230 }
                  piles:
                    - { id: p1, phase: A, maxA: 32, driver: { coap: { host: 127.0.0.1, port: %d, plain: true } } }
                    - { id: p2, phase: B, maxA: 32, driver: { coap: { host: 127.0.0.1, port: %d, plain: true } } }
                meters:
                  transformer: { bus: room, unit: 1, map: chint-dtsu666 }
                  piles:
                    - { pile: p1, bus: room-645, dlt645: { address: "000000000042" } }
                    - { pile: p2, bus: room, unit: %d, map: eastron-sdm120 }
                buses:
                  - { name: room, tcp: { host: 127.0.0.1, port: %d } }
                  - { name: room-645, protocol: dlt645, serial: { port: "%s" }, timing: { timeoutMs: 800 } }
                tariff:
                  periods: [ { from: "00:00", to: "24:00", price: 1 } ]
                """.formatted(coap1, coap2, pileMeterUnit, modbusPort, pty);
    }

    @Test
    void everyDeviceIsCheckedAndFailuresAreNamed() throws Exception {
        String python = ExternalTools.require("python3-pymodbus");
        String socat = ExternalTools.require("socat");
        int modbusPort = LoopbackPorts.free();
        int silent;
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            silent = s.getLocalPort();
        }
        try (ModbusSim sim = ModbusSim.tcp(python, dir, ModbusSim.units(1, RegisterMapLoader.load(DEVICES.resolve("chint-dtsu666.yaml")),
                        2, RegisterMapLoader.load(DEVICES.resolve("eastron-sdm120.yaml"))), modbusPort);
                SocatPair line = new SocatPair(socat, dir);
                Dlt645Sim meter645 = Dlt645Sim.start(python, dir, line, METER_645);
                Bridge b1 = new Bridge("p1");
                Bridge b2 = new Bridge("p2")) {
            Path good = dir.resolve("good.yaml");
            Files.writeString(good, config(modbusPort, line.master, b1.port(), b2.port(), 2));
            OrderlyRun ok = OrderlyRun.of("selftest", "--config", good.toString(), "--devices", DEVICES.toString());
            assertThat(ok.exit()).as(ok.out() + ok.err()).isZero();
            List<String> rows = SelftestYaml.table(ok.out());
            assertThat(rows.get(0)).matches("device\\s+kind\\s+where\\s+result\\s+detail");
            assertThat(rows.get(1)).matches("transformer\\s+meter chint-dtsu666\\s+room unit 1\\s+PASS\\s+"
                    + "power.total.kw=2.50 voltage.a.v=230.50 frequency.hz=50.00");
            assertThat(rows.get(2)).matches("pile-p1\\s+meter dlt645\\s+room-645 address 000000000042\\s+PASS\\s+"
                    + "power.total.kw=3.50 energy.import.kwh=12.25");
            assertThat(rows.get(3)).matches("pile-p2\\s+meter eastron-sdm120\\s+room unit 2\\s+PASS\\s+.*");
            assertThat(rows.get(4)).matches("p1\\s+pile\\s+coap 127.0.0.1:\\d+\\s+PASS\\s+state A, .*");
            assertThat(rows.get(5)).matches("p2\\s+pile\\s+coap 127.0.0.1:\\d+\\s+PASS\\s+state A, .*");
            assertThat(rows.get(6)).isEqualTo("selftest: all 5 devices pass");

        }
        // socat ends when a pty end is closed, so the second run gets a fresh line and meter.
        Path second = Files.createDirectory(dir.resolve("second"));
        int modbusPort2 = LoopbackPorts.free();
        try (ModbusSim sim = ModbusSim.tcp(python, dir, ModbusSim.units(1, RegisterMapLoader.load(DEVICES.resolve("chint-dtsu666.yaml"))),
                        modbusPort2);
                SocatPair line = new SocatPair(socat, second);
                Dlt645Sim meter645 = Dlt645Sim.start(python, dir, line, METER_645);
                Bridge b1 = new Bridge("p1")) {
            Path bad = dir.resolve("bad.yaml");
            Files.writeString(bad, config(modbusPort2, line.master, b1.port(), silent, 5));
            OrderlyRun failing = OrderlyRun.of("selftest", "--config", bad.toString(), "--devices", DEVICES.toString(), "--wait-s", "2");
            assertThat(failing.exit()).isEqualTo(1);
            assertThat(failing.out())
                    .containsPattern("pile-p2\\s+meter eastron-sdm120\\s+room unit 5\\s+FAIL\\s+"
                            + "no answer from unit 5: check its unit id .*; TIMEOUT")
                    .containsPattern("p2\\s+pile\\s+coap 127.0.0.1:" + silent + "\\s+FAIL\\s+no status within 2 s")
                    .containsPattern("transformer\\s+meter chint-dtsu666\\s+room unit 1\\s+PASS")
                    .contains("selftest: 2 of 5 devices FAIL");
        }
    }

    @Test
    void aBrokenConfigurationExitsTwoWithItsProblems() throws Exception {
        Path bad = dir.resolve("broken.yaml");
        Files.writeString(bad, "gatewayId: x\n");
        OrderlyRun r = OrderlyRun.of("selftest", "--config", bad.toString(), "--devices", DEVICES.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains(bad + ":1:1: missing 'compound'");
    }
}
