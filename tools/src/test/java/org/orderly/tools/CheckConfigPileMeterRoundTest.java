package org.orderly.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.tools.testing.OrderlyRun;

/**
 * {@code orderly check-config} warns when a bus reads its pile meters round-robin less often than
 * {@code control.staleAfterMs} where they measure the draw of Modbus piles whose maps read no power: such a meter
 * measures only while its reading is no older than that, so the pile's draw would flip between measured and not.
 * Until 2026-12-04 nothing was said. A bridge measures its own draw (its bus meter stands in only while the bridge's
 * meter is silent), and a pile whose map reads its power keeps its own: no warning for them.
 */
class CheckConfigPileMeterRoundTest {
    private static final Path SHIPPED = Path.of("../config/devices");
    private static final int PILES = 12;

    /**
     * Twelve piles, each with its Eastron SDM120 meter on the 2400-baud RS-485 bus 'garage'; the transformer meter on a
     * bus of its own. {@code driver} is each pile's driver, {@code %d} its number.
     */
    private static String config(String driver, String control) {
        String piles = IntStream.rangeClosed(1, PILES).mapToObj(i -> "    - { id: p%d, phase: A, maxA: 16, driver: { %s } }"
                .formatted(i, driver.formatted(i))).collect(Collectors.joining("\n"));
        String meters = IntStream.rangeClosed(1, PILES).mapToObj(i -> "    - { pile: p%d, bus: garage, unit: %d, map: eastron-sdm120 }"
                .formatted(i, 20 + i)).collect(Collectors.joining("\n"));
        return """
                gatewayId: g
                compound:
                  transformer: { limitKw: 400, phaseVoltageV: 230 }
                  piles:
                %s
                meters:
                  transformer: { bus: room, unit: 1, map: chint-dtsu666 }
                  piles:
                %s
                buses:
                  - { name: room, serial: { port: /dev/ttyUSB0 } }
                  - { name: garage, serial: { port: /dev/ttyUSB1, baud: 2400 } }
                tariff:
                  periods: [ { from: "00:00", to: "24:00", price: 1 } ]
                %s
                """.formatted(piles, meters, control);
    }

    /** The shipped maps, and piles/powerless-pile: the shipped pile template without its power register. */
    private static Path devices(Path dir) throws IOException {
        Path devices = Files.createDirectories(dir.resolve("devices").resolve("piles")).getParent();
        for (String map : new String[] {"chint-dtsu666", "eastron-sdm120"}) {
            Files.copy(SHIPPED.resolve(map + ".yaml"), devices.resolve(map + ".yaml"));
        }
        String pile = Files.readString(SHIPPED.resolve("piles").resolve("generic-pile.yaml"));
        String powerless = pile.lines().filter(l -> !l.contains("power.total.kw")).collect(Collectors.joining("\n"));
        assertThat(powerless).isNotEqualTo(pile);
        Files.writeString(devices.resolve("piles").resolve("powerless-pile.yaml"), powerless + "\n");
        Files.copy(SHIPPED.resolve("piles").resolve("generic-pile.yaml"), devices.resolve("piles").resolve("generic-pile.yaml"));
        return devices;
    }

    private static OrderlyRun check(Path parent, String text) throws IOException {
        Path dir = Files.createTempDirectory(parent, "check");
        Path file = Files.writeString(dir.resolve("orderly.yaml"), text);
        return OrderlyRun.of("check-config", "--devices", devices(dir).toString(), file.toString());
    }

    private static final String POWERLESS = "modbus: { bus: garage, unit: %d, map: piles/powerless-pile }";

    @Test
    void aRoundLongerThanStaleAfterMsOfMetersMeasuringPowerlessPilesIsAWarningAtTheFirstOnesBus(@TempDir Path dir)
            throws IOException {
        OrderlyRun r = check(dir, config(POWERLESS, ""));

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err().lines().filter(l -> l.contains("warning: bus 'garage'")).map(l -> l.replaceFirst("^.*/", "")))
                .containsExactly("orderly.yaml:20:24: warning: bus 'garage': a round of its 12 pile meters takes at"
                + " least 4281 ms (their frames at 2400 baud and the 10 ms gaps, at most 2 begun in each of the gateway's"
                + " 500 ms cycles, half of control.periodMs 1000), more than control.staleAfterMs 3000: pile-p1, pile-p2,"
                + " pile-p3, pile-p4, pile-p5, pile-p6, pile-p7, pile-p8, pile-p9, pile-p10, pile-p11, pile-p12, measuring"
                + " the draw of Modbus piles whose maps read no power, serve only part of the time, the draw flipping"
                + " between measured and not; give the pile meters a bus of their own, put fewer on each bus, or make"
                + " control.staleAfterMs longer than the round");
    }

    @Test
    void aStaleAfterMsLongerThanTheRoundIsNoWarning(@TempDir Path dir) throws IOException {
        OrderlyRun r = check(dir, config(POWERLESS, "control: { staleAfterMs: 5000 }"));

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).doesNotContain("warning: bus 'garage'");
    }

    @Test
    void bridgesAndPilesThatReadTheirPowerAreNoWarning(@TempDir Path dir) throws IOException {
        OrderlyRun bridges = check(dir, config("coap: { host: 10.20.0.%d, plain: true }", ""));
        OrderlyRun measuring = check(dir, config("modbus: { bus: garage, unit: %d, map: piles/generic-pile }", ""));

        assertThat(bridges.exit()).as(bridges.err()).isZero();
        assertThat(bridges.err()).doesNotContain("warning: bus 'garage'");
        assertThat(measuring.exit()).as(measuring.err()).isZero();
        assertThat(measuring.err()).doesNotContain("warning: bus 'garage'");
    }
}
