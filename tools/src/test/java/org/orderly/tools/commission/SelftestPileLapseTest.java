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
import org.orderly.tools.testing.StderrLog;

/**
 * {@code orderly selftest} says of a Modbus pile what it does once the gateway stops, where its map does not let it
 * fall back to the configured safe current: one without a watchdog register (accepted with keepsLastLimit) keeps its
 * last limit, one without a fallback register falls back to a current of its own. pymodbus serves both piles' status
 * registers and the transformer meter on loopback.
 */
class SelftestPileLapseTest {
    private static final Path DEVICES = Path.of("../config/devices").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void aPileThatDoesNotFallBackToTheSafeCurrentIsSaidSo() throws Exception {
        String python = ExternalTools.require("python3-pymodbus");
        Path devices = dir.resolve("devices");
        Files.createDirectories(devices.resolve("piles"));
        Files.copy(DEVICES.resolve("chint-dtsu666.yaml"), devices.resolve("chint-dtsu666.yaml"));
        String template = Files.readString(DEVICES.resolve("piles/generic-pile.yaml"));
        for (String key : List.of("watchdog", "fallback")) {
            Files.writeString(devices.resolve("piles/no-" + key + ".yaml"),
                    String.join("\n", template.lines().filter(l -> !l.startsWith(key + ":")).toList()) + "\n");
        }
        int port = LoopbackPorts.free();
        try (ModbusSim sim = ModbusSim.tcp(python, dir, ModbusSim.units(
                1, RegisterMapLoader.load(devices.resolve("chint-dtsu666.yaml")),
                21, PileMapLoader.load(devices.resolve("piles/no-watchdog.yaml")).status(),
                22, PileMapLoader.load(devices.resolve("piles/no-fallback.yaml")).status()), port)) {
            Path config = Files.writeString(dir.resolve("orderly.yaml"), """
                    gatewayId: rig
                    compound:
                      transformer: { limitKw: 100, phaseVoltageV: 230 }
                      piles:
                        - { id: p1, phase: A, maxA: 32, driver: { modbus: { bus: room, unit: 21, map: piles/no-watchdog, keepsLastLimit: accepted } } }
                        - { id: p2, phase: B, maxA: 32, driver: { modbus: { bus: room, unit: 22, map: piles/no-fallback } } }
                    meters:
                      transformer: { bus: room, unit: 1, map: chint-dtsu666 }
                    buses:
                      - { name: room, tcp: { host: 127.0.0.1, port: %d } }
                    tariff:
                      periods: [ { from: "00:00", to: "24:00", price: 1 } ]
                    """.formatted(port));

            StderrLog run = StderrLog.during(() -> OrderlyRun.of("selftest", "--config", config.toString(), "--devices",
                    devices.toString(), "--wait-s", "5"));
            OrderlyRun r = run.run();

            assertThat(r.exit()).as(r.out() + r.err()).isZero();
            // The row says it; the driver's start-up WARN for the running gateway's log does not (until 2026-12-03 it did).
            assertThat(run.log()).doesNotContain(NoWatchdogWarnQuietTest.WARN);
            assertThat(r.out())
                    .containsPattern("p1\\s+pile\\s+room unit 21\\s+PASS\\s+state B, [^\\n]*; does not fall "
                            + "back on its own \\(keepsLastLimit: accepted\\): it keeps its last limit while the gateway is stopped")
                    .containsPattern("p2\\s+pile\\s+room unit 22\\s+PASS\\s+state B, [^\\n]*; once a lease lapses "
                            + "it falls back to a current of its own setting \\(its map has no fallback register\\)");
        }
    }
}
