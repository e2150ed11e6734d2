package org.orderly.tools.commission;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.field.modbus.RegisterMapLoader;
import org.orderly.gateway.field.pile.PileMapLoader;
import org.orderly.testkit.ExternalTools;
import org.orderly.testkit.LoopbackPorts;
import org.orderly.tools.testing.OrderlyRun;

/**
 * A Modbus pile's map needs only {@code state.code}; the current it offers, the power drawn and the session's energy
 * are optional (piles/generic-pile.yaml). {@code pile get} and {@code selftest} say of one it does not report that it
 * is not reported, as {@code pile get} already said of the offered current: not {@code NaN A}, {@code NaN kW},
 * {@code NaN kWh}. pymodbus serves the pile's state register and the transformer meter on loopback.
 */
class PileNotReportedTest {
    private static final Path DEVICES = Path.of("../config/devices").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void whatAPileDoesNotReportIsSaidSoNotNaN() throws Exception {
        String python = ExternalTools.require("python3-pymodbus");
        Path devices = dir.resolve("devices");
        Files.createDirectories(devices.resolve("piles"));
        Files.copy(DEVICES.resolve("chint-dtsu666.yaml"), devices.resolve("chint-dtsu666.yaml"));
        List<String> optional = List.of("current.offered.a", "power.total.kw", "energy.session.kwh");
        Files.writeString(devices.resolve("piles/state-only.yaml"), String.join("\n", Files.readString(
                DEVICES.resolve("piles/generic-pile.yaml")).lines().filter(l -> optional.stream().noneMatch(l::contains)).toList()) + "\n");
        int port = LoopbackPorts.free();
        try (ModbusSim sim = ModbusSim.tcp(python, dir, ModbusSim.units(
                1, RegisterMapLoader.load(devices.resolve("chint-dtsu666.yaml")),
                21, PileMapLoader.load(devices.resolve("piles/state-only.yaml")).status()), port)) {
            OrderlyRun get = OrderlyRun.of("pile", "get", "--modbus-host", "127.0.0.1", "--tcp-port", Integer.toString(port),
                    "--unit", "21", "--map", "piles/state-only", "--devices", devices.toString(), "--id", "p1");
            assertThat(get.exit()).as(get.err()).isZero();
            assertThat(get.out()).doesNotContain("NaN")
                    .startsWith("register map 'piles/state-only': " + devices.resolve("piles/state-only.yaml")
                            + ", your own\n"
                            + "p1: state B (plugged, not charging), offered current not reported, "
                            + "power drawn not reported, "
                            + "session energy not reported, ");

            Path config = Files.writeString(dir.resolve("orderly.yaml"), """
                    gatewayId: rig
                    compound:
                      transformer: { limitKw: 100, phaseVoltageV: 230 }
                      piles:
                        - { id: p1, phase: A, maxA: 32, driver: { modbus: { bus: room, unit: 21, map: piles/state-only } } }
                    meters:
                      transformer: { bus: room, unit: 1, map: chint-dtsu666 }
                    buses:
                      - { name: room, tcp: { host: 127.0.0.1, port: %d } }
                    tariff:
                      periods: [ { from: "00:00", to: "24:00", price: 1 } ]
                    store: { path: orderly.db }
                    """.formatted(port));
            OrderlyRun self = OrderlyRun.of("selftest", "--config", config.toString(), "--devices", devices.toString(), "--wait-s", "5");
            assertThat(self.exit()).as(self.out() + self.err()).isZero();
            assertThat(self.out()).doesNotContain("NaN")
                    .containsPattern("p1\\s+pile\\s+room unit 21\\s+PASS\\s+"
                            + "state B, offered current not reported, power drawn not reported");
        }
    }
}
