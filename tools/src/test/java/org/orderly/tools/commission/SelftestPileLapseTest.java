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
 * or one below zero, and a pile meter reading more than its pile can draw.
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
            maps.put("no-" + key, template -> String.join("\n",
                    template.lines().filter(l -> !l.startsWith(key + ":")).toList()) + "\n");
        }
        Path devices = SelftestYaml.devicesWithPileMaps(dir, DEVICES, maps);
        int port = LoopbackPorts.free();
        try (ModbusSim sim = serve(python, devices, port, "no-watchdog", "no-fallback")) {
            Path config = SelftestYaml.modbusPiles(dir, port,
                    "- { id: p1, phase: A, maxA: 32, driver: { modbus: { bus: room, unit: 21, map: piles/no-watchdog,"
                            + " keepsLastLimit: accepted } } }",
                    "- { id: p2, phase: B, maxA: 32, driver: { modbus: { bus: room, unit: 22,"
                            + " map: piles/no-fallback } } }");

            StderrLog run = StderrLog.during(() -> OrderlyRun.of("selftest", "--config", config.toString(), "--devices",
                    devices.toString(), "--wait-s", "5"));
            OrderlyRun r = run.run();

            assertThat(r.exit()).as(r.out() + r.err()).isZero();
            // The row says it; the driver's start-up WARN for the running gateway's log does not (until 2026-12-03 it
            // did).
            assertThat(run.log()).doesNotContain(NoWatchdogWarnQuietTest.WARN);
            assertThat(r.out())
                    .containsPattern("p1\\s+pile\\s+room unit 21\\s+PASS\\s+state B, [^\\n]*; does not fall "
                            + "back on its own \\(keepsLastLimit: accepted\\): it keeps its last limit while the"
                            + " gateway is stopped")
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
        assertThat(selftestFailingP2("as-served", "words-swapped", template -> {
            assertThat(template).contains("  order: big\n");
            return template.replace("  order: big\n", "  order: little\n");
        })).containsPattern("p2\\s+pile\\s+room unit 22\\s+FAIL\\s+power drawn 163840.00 kW is more than pile p2 "
                + "can draw: 16 A on 3 phases at 300 V is 14.4 kW; check the word order \\(order: big or "
                + "little\\), type and scale of its map's power.total.kw against the pile's Modbus table; state B, ");
    }

    /**
     * selftest fails a Modbus pile whose map reads a draw below zero, which no pile has. pymodbus serves a pile drawing
     * -2.5 kW on a signed power register (its served map's scale -0.001 puts -2500 in it: a pile whose meter is wired
     * the wrong way round); the installer's map reads it signed, scale 0.001. selftest starts the pile's driver without
     * its rating for the power to come as read (field.pile.OwnDrawBound): a driver refusing it (NaN, not measured)
     * would leave PileDraw no draw to judge, and the row would pass.
     */
    @Test
    void aPileDrawingBelowZeroFailsWithTheWordOrderToCheck() throws Exception {
        assertThat(selftestFailingP2("served-below-zero", "signed", template -> signedPower(template, "0.001")))
                .containsPattern("p2\\s+pile\\s+room unit 22\\s+FAIL\\s+power drawn -2.50 kW is implausible: a pile"
                        + " draws power, it gives none back; check the word order \\(order: big or little\\), type and"
                        + " scale of its map's power.total.kw against the pile's Modbus table; state B, ");
    }

    /**
     * What selftest prints of two generic Modbus piles of 16 A served by pymodbus: p1 (phase A) read with the map it is
     * served by, and passing; p2 (phase ABC) served by {@code served22} and read with the installer's {@code map22},
     * the shipped generic pile map changed as {@code installers} says; p2 failing, the one device of three to.
     * {@code served22} is the shipped map as served, or {@code served-below-zero}: its power register signed at scale
     * -0.001, which puts -2500 in it.
     */
    private String selftestFailingP2(String served22, String map22, UnaryOperator<String> installers) throws Exception {
        String python = ExternalTools.require("python3-pymodbus");
        Path devices = SelftestYaml.devicesWithPileMaps(dir, DEVICES, Map.of(
                "as-served", UnaryOperator.identity(),
                "served-below-zero", template -> signedPower(template, "-0.001"),
                map22, installers));
        int port = LoopbackPorts.free();
        try (ModbusSim sim = serve(python, devices, port, "as-served", served22)) {
            Path config = SelftestYaml.modbusPiles(dir, port,
                    "- { id: p1, phase: A, maxA: 16, driver: { modbus: { bus: room, unit: 21,"
                            + " map: piles/as-served } } }",
                    "- { id: p2, phase: ABC, maxA: 16, driver: { modbus: { bus: room, unit: 22, map: piles/" + map22
                            + " } } }");
            String out = failing(config, devices);
            assertThat(out).containsPattern("p1\\s+pile\\s+room unit 21\\s+PASS\\s+state B, offered 2.5 A, 2.50 kW")
                    .contains("selftest: 1 of 3 devices FAIL");
            return out;
        }
    }

    /** The generic pile map's text with its power register signed, at this scale. */
    private static String signedPower(String template, String scale) {
        String power = "{ quantity: power.total.kw,     address: 0x0202, type: uint32, scale: 0.001 }";
        assertThat(template).contains(power);
        return template.replace(power, "{ quantity: power.total.kw,     address: 0x0202, type: int32, scale: " + scale
                + " }");
    }

    /**
     * selftest holds a pile meter to what its own pile can draw, as the running gateway does (its {@code maxA} on
     * each phase at 300 V), with the gateway's line. pymodbus serves the transformer meter, an SDM120 pile meter and a
     * generic Modbus pile, each reading 2.5 kW, for a 6 A pile, which draws at most 1.8 kW. Until 2026-12-05 the
     * meter's row was PASS (a pile meter was held to 80 A on 3 phases, 55.2 kW, whatever its pile), and the gateway
     * then took none of its readings as the car's draw.
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
                    "- { id: p1, phase: A, minA: 6, maxA: 6, driver: { modbus: { bus: room, unit: 21,"
                            + " map: piles/generic-pile } } }"),
                    "- { pile: p1, bus: room, unit: 2, map: eastron-sdm120 }");

            assertThat(failing(config, DEVICES))
                    .containsPattern("transformer\\s+meter chint-dtsu666\\s+room unit 1\\s+PASS")
                    .containsPattern("pile-p1\\s+meter eastron-sdm120\\s+room unit 2\\s+FAIL\\s+pile p1: its meter"
                            + " pile-p1 reads power.total.kw = 2.50 kW, more than the pile can draw \\(bound: 6 A on 1"
                            + " phase at 300 V is 1.8 kW\\); check the meter's register map \\(type, scale, word"
                            + " order\\) and its CT ratio\\n")
                    .containsPattern("p1\\s+pile\\s+room unit 21\\s+FAIL\\s+power drawn 2.50 kW is more than pile p1"
                            + " can draw: 6 A on 1 phase at 300 V is 1.8 kW; ");
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
