package org.orderly.tools.commission;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
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
 * registers and the transformer meter on loopback. It fails a pile whose map reads a draw no pile of its rating has,
 * and a pile meter reading more than its pile can draw.
 */
class SelftestPileLapseTest {
    private static final Path DEVICES = Path.of("../config/devices").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void aPileThatDoesNotFallBackToTheSafeCurrentIsSaidSo() throws Exception {
        String python = ExternalTools.require("python3-pymodbus");
        Map<String, UnaryOperator<String>> maps = new LinkedHashMap<>();
        for (String key : List.of("watchdog", "fallback")) {
            maps.put("no-" + key, template -> String.join("\n", template.lines().filter(l -> !l.startsWith(key + ":")).toList())
                    + "\n");
        }
        Path devices = SelftestYaml.devicesWithPileMaps(dir, DEVICES, maps);
        int port = LoopbackPorts.free();
        try (ModbusSim sim = serve(python, devices, port, "no-watchdog", "no-fallback")) {
            Path config = SelftestYaml.modbusPiles(dir, port,
                    "- { id: p1, phase: A, maxA: 32, driver: { modbus: { bus: room, unit: 21, map: piles/no-watchdog, keepsLastLimit: accepted } } }",
                    "- { id: p2, phase: B, maxA: 32, driver: { modbus: { bus: room, unit: 22, map: piles/no-fallback } } }");

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

    /**
     * selftest fails a Modbus pile whose map reads a draw no pile of its rating has. pymodbus serves a pile
     * drawing 2.5 kW (generic-pile's power.total.kw, uint32, high word first); the installer's copy of the map says
     * {@code order: little}, so the draw reads 163840 kW. Until 2026-12-05 that pile's row was PASS, {@code state B,
     * offered 2.5 A, 163840.00 kW}, exit 0, and the gateway would have taken it as the car's draw.
     */
    @Test
    void aPileDrawingMoreThanItsMaxAAllowsFailsWithTheWordOrderToCheck() throws Exception {
        String python = ExternalTools.require("python3-pymodbus");
        Path devices = SelftestYaml.devicesWithPileMaps(dir, DEVICES, Map.of(
                "as-served", UnaryOperator.identity(),
                "words-swapped", template -> {
                    assertThat(template).contains("  order: big\n");
                    return template.replace("  order: big\n", "  order: little\n");
                }));
        int port = LoopbackPorts.free();
        try (ModbusSim sim = serve(python, devices, port, "as-served", "as-served")) {
            Path config = SelftestYaml.modbusPiles(dir, port,
                    "- { id: p1, phase: A, maxA: 16, driver: { modbus: { bus: room, unit: 21, map: piles/as-served } } }",
                    "- { id: p2, phase: ABC, maxA: 16, driver: { modbus: { bus: room, unit: 22, map: piles/words-swapped } } }");

            assertThat(failing(config, devices))
                    .containsPattern("p1\\s+pile\\s+room unit 21\\s+PASS\\s+state B, offered 2.5 A, 2.50 kW")
                    .containsPattern("p2\\s+pile\\s+room unit 22\\s+FAIL\\s+power drawn 163840.00 kW is more than pile p2 "
                            + "can draw: 16 A on 3 phases at 300 V is 14.4 kW; check the word order \\(order: big or "
                            + "little\\), type and scale of its map's power.total.kw against the pile's Modbus table; state B, ")
                    .contains("selftest: 1 of 3 devices FAIL");
        }
    }

    /**
     * selftest holds a pile meter to what its own pile can draw, as the running gateway does (its {@code maxA} on each
     * phase at 300 V), with the gateway's line. pymodbus serves the transformer meter, an SDM120 pile meter and a generic
     * Modbus pile, each reading 2.5 kW, for a 6 A pile, which draws at most 1.8 kW. Until 2026-12-05 the meter's row was
     * PASS (a pile meter was held to 80 A on 3 phases, 55.2 kW, whatever its pile), and the gateway then took none of its
     * readings as the car's draw.
     */
    @Test
    void aPileMeterReadingMoreThanItsPileCanDrawFailsWithTheGatewaysLine() throws Exception {
        String python = ExternalTools.require("python3-pymodbus");
        int port = LoopbackPorts.free();
        try (ModbusSim sim = ModbusSim.tcp(python, dir, ModbusSim.units(
                1, RegisterMapLoader.load(DEVICES.resolve("chint-dtsu666.yaml")),
                2, RegisterMapLoader.load(DEVICES.resolve("eastron-sdm120.yaml")),
                21, PileMapLoader.load(DEVICES.resolve("piles/generic-pile.yaml")).status()), port)) {
            Path config = SelftestYaml.withPileMeter(SelftestYaml.modbusPiles(dir, port,
                    "- { id: p1, phase: A, minA: 6, maxA: 6, driver: { modbus: { bus: room, unit: 21, map: piles/generic-pile } } }"),
                    "- { pile: p1, bus: room, unit: 2, map: eastron-sdm120 }");

            assertThat(failing(config, DEVICES))
                    .containsPattern("transformer\\s+meter chint-dtsu666\\s+room unit 1\\s+PASS")
                    .containsPattern("pile-p1\\s+meter eastron-sdm120\\s+room unit 2\\s+FAIL\\s+pile p1: its meter pile-p1"
                            + " reads power.total.kw = 2.50 kW, more than the pile can draw \\(bound: 6 A on 1 phase at"
                            + " 300 V is 1.8 kW\\); check the meter's register map \\(type, scale, word order\\) and its CT"
                            + " ratio\\n")
                    .containsPattern("p1\\s+pile\\s+room unit 21\\s+FAIL\\s+power drawn 2.50 kW is more than pile p1 can"
                            + " draw: 6 A on 1 phase at 300 V is 1.8 kW; ");
        }
    }

    /** What selftest prints of {@code config}, which it fails (exit 1); a pile's status waited for up to 30 s. */
    private static String failing(Path config, Path devices) throws Exception {
        OrderlyRun r = OrderlyRun.of("selftest", "--config", config.toString(), "--devices", devices.toString(),
                "--wait-s", "30");
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
        return r.out();
    }

    /** pymodbus serving the transformer meter at unit 1 and piles at units 21 and 22 with these pile maps' status. */
    private ModbusSim serve(String python, Path devices, int port, String map21, String map22) throws Exception {
        return ModbusSim.tcp(python, dir, ModbusSim.units(
                1, RegisterMapLoader.load(devices.resolve("chint-dtsu666.yaml")),
                21, PileMapLoader.load(devices.resolve("piles/" + map21 + ".yaml")).status(),
                22, PileMapLoader.load(devices.resolve("piles/" + map22 + ".yaml")).status()), port);
    }
}
