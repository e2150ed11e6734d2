package org.orderly.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.tools.testing.OrderlyRun;

/**
 * What {@code orderly check-config} says of how the piles behave while the gateway is down: every limit is a lease, so
 * a Modbus pile whose map has no watchdog register (it would keep its last limit for ever) is refused unless its
 * configuration accepts that in so many words; one whose map has no fallback register falls back to a current of its
 * own, which is said; Modbus piles share a serial bus with meters and each other, each on a unit id of its own; and
 * piles whose safe currents add up to more than a circuit, a line or the transformer carries are a warning that leaves
 * the exit 0.
 */
class CheckConfigPileLeaseTest {
    private static final Path DIR = Path.of("src/test/resources/check-config");
    private static final Path DEVICES = Path.of("../config/devices");
    private static final String P2 = "modbus: { bus: room, unit: 20, map: piles/generic-pile }";

    @Test
    void aPileMapWithoutAWatchdogIsRefused(@TempDir Path dir) throws IOException {
        Path devices = devicesWithout(dir, "watchdog: ");
        Path file = Files.writeString(dir.resolve("orderly.yaml"), CheckConfigCommandTest.validWith(List.of()));

        OrderlyRun r = run(devices, file);

        assertThat(r.exit()).as(r.out()).isEqualTo(2);
        assertThat(problems(r, file)).containsExactly(
                file + ":17:45: pile 'p2': map 'piles/generic-pile' has no watchdog register, so its limit is no lease: "
                        + "with the gateway stopped the pile keeps its last limit for ever instead of falling back to a safe "
                        + "current; choose a pile and map with a watchdog register or drive it through a firmware-bridge, or "
                        + "accept it knowingly with keepsLastLimit: accepted in its driver.modbus",
                file + ": 1 problem");
    }

    @Test
    void aPileWithoutAWatchdogAcceptedSoIsSaidInTheOkLine(@TempDir Path dir) throws IOException {
        Path devices = devicesWithout(dir, "watchdog: ");
        Path file = Files.writeString(dir.resolve("orderly.yaml"), CheckConfigCommandTest.validWith(List.of(
                P2, "modbus: { bus: room, unit: 20, map: piles/generic-pile, keepsLastLimit: accepted }")));

        OrderlyRun r = run(devices, file);

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().lines().findFirst().orElseThrow()).startsWith(file + ": OK: gateway gw-room-7, ").endsWith(
                ", 2 tariff periods; pile p2 does not fall back on its own (keepsLastLimit: accepted): it keeps its last "
                + "limit while the gateway is stopped");
        // The map without a watchdog is the installer's, in place of the shipped one: said after the OK line.
        assertThat(r.out().lines().skip(1)).containsExactly("register map 'piles/generic-pile': "
                + devices.resolve("piles/generic-pile.yaml") + ", your own, in place of the shipped one");
    }

    @Test
    void keepsLastLimitIsRefusedWhereThePileFallsBackAndTakesOnlyAccepted(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("orderly.yaml"), CheckConfigCommandTest.validWith(List.of(
                P2, "modbus: { bus: room, unit: 20, map: piles/generic-pile, keepsLastLimit: accepted }")));
        Path yes = Files.writeString(dir.resolve("yes.yaml"), CheckConfigCommandTest.validWith(List.of(
                P2, "modbus: { bus: room, unit: 20, map: piles/generic-pile, keepsLastLimit: yes }")));

        OrderlyRun r = run(DEVICES, file);
        OrderlyRun y = run(devicesWithout(dir, "watchdog: "), yes);

        assertThat(problems(r, file)).containsExactly(
                file + ":17:81: 'keepsLastLimit' in compound.piles[1].driver.modbus has no effect: map 'piles/generic-pile' "
                        + "has a watchdog register, so the pile falls back on its own; remove it",
                file + ": 1 problem");
        assertThat(problems(y, yes)).containsExactly(
                yes + ":17:81: 'keepsLastLimit' in compound.piles[1].driver.modbus must be 'accepted', was 'yes'; write "
                        + "keepsLastLimit: accepted to accept that the pile keeps its last limit while the gateway is "
                        + "stopped, or leave it out",
                yes + ": 1 problem");
    }

    @Test
    void aPileMapWithoutAFallbackRegisterIsAWarningNamingTheCurrentItFallsBackTo(@TempDir Path dir) throws IOException {
        Path devices = devicesWithout(dir, "fallback: ");
        Path file = Files.writeString(dir.resolve("orderly.yaml"), CheckConfigCommandTest.validWith(List.of()));

        OrderlyRun r = run(devices, file);

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().strip()).startsWith(file + ": OK: ");
        assertThat(problems(r, file)).containsExactly(
                file + ":17:45: warning: pile 'p2': map 'piles/generic-pile' has no fallback register, so once a lease "
                        + "lapses the pile falls back to a current of its own setting, not to a safe current the gateway "
                        + "writes; set that current on the pile to what its circuit carries with the others, or choose a map "
                        + "with a fallback register");
    }

    /** The result and the warnings are all it prints: no timestamped INFO line of the loader's log around them. */
    @Test
    void itsWarningsShowAndNoInfoLines(@TempDir Path dir) throws Exception {
        Path devices = devicesWithout(dir, "fallback: ");
        Path file = Files.writeString(dir.resolve("orderly.yaml"), CheckConfigCommandTest.validWith(List.of()));

        org.orderly.tools.testing.StderrLog c = org.orderly.tools.testing.StderrLog.during(() -> run(devices, file));

        assertThat(c.run().exit()).as(c.run().err()).isZero();
        assertThat(problems(c.run(), file)).singleElement().asString().contains(": warning: pile 'p2': ");
        assertThat(c.log()).doesNotContain(" INFO ");
    }

    @Test
    void safeAmpsOfAModbusPileIsRefusedWithoutAFallbackRegister(@TempDir Path dir) throws IOException {
        Path devices = devicesWithout(dir, "fallback: ");
        Path file = Files.writeString(dir.resolve("orderly.yaml"), CheckConfigCommandTest.validWith(List.of(
                P2, "modbus: { bus: room, unit: 20, map: piles/generic-pile, safeAmps: 8 }")));

        OrderlyRun r = run(devices, file);

        assertThat(problems(r, file)).containsExactly(
                file + ":17:75: 'safeAmps' in compound.piles[1].driver.modbus has no effect: map 'piles/generic-pile' has no "
                        + "fallback register to write it to; remove it, and set the pile's own fallback current on the pile",
                file + ": 1 problem");
    }

    /** Piles and meters daisy-chained on one RS-485 line share the bus's one master, its poller's. */
    @Test
    void modbusPilesSharingASerialBusWithAMeterAreAccepted(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("orderly.yaml"), CheckConfigCommandTest.validWith(List.of(
                "coap: { host: 127.0.0.1, port: 5683, plain: true }", "modbus: { bus: room, unit: 21, map: piles/generic-pile }",
                "tcp: { host: 10.0.0.5 }", "serial: { port: /dev/ttyUSB0, baud: 9600 }")));

        OrderlyRun r = run(DEVICES, file);

        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(problems(r, file)).isEmpty();
    }

    /** Sharing a serial bus still takes a unit id of each device's own: a pile on a meter's would be written to it. */
    @Test
    void aModbusPileOnAMetersUnitOfASerialBusIsRefused(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("orderly.yaml"), CheckConfigCommandTest.validWith(List.of(
                "modbus: { bus: room, unit: 20, map: piles/generic-pile }", "modbus: { bus: room, unit: 2, map: piles/generic-pile }",
                "tcp: { host: 10.0.0.5 }", "serial: { port: /dev/ttyUSB0, baud: 9600 }")));

        OrderlyRun r = run(DEVICES, file);

        assertThat(r.exit()).as(r.out()).isEqualTo(2);
        assertThat(problems(r, file)).containsExactly(
                file + ":21:36: unit 2 on bus 'room' is already used at line 17 by pile 'p2'; each device on a bus, meter "
                        + "or pile, needs its own unit id",
                file + ": 1 problem");
    }

    /** Several connections to one Modbus TCP gateway are normal; a pile alone on a serial bus is the bus's only device. */
    @Test
    void aModbusPileSharingATcpBusOrAloneOnASerialBusIsAccepted(@TempDir Path dir) throws IOException {
        Path tcp = Files.writeString(dir.resolve("tcp.yaml"), CheckConfigCommandTest.validWith(List.of()));
        Path alone = Files.writeString(dir.resolve("alone.yaml"), CheckConfigCommandTest.validWith(List.of(
                "bus: room, unit: 2, map: eastron-sdm120", "bus: meters, unit: 2, map: eastron-sdm120",
                "tcp: { host: 10.0.0.5 }", "serial: { port: /dev/ttyUSB0, baud: 9600 }\n  - name: meters\n    tcp: { host: 10.0.0.5 }")));

        for (Path file : List.of(tcp, alone)) {
            OrderlyRun r = run(DEVICES, file);
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(problems(r, file)).isEmpty();
        }
    }

    @Test
    void safeCurrentsAddingUpToMoreThanACircuitALineOrTheTransformerAreWarnings(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("orderly.yaml"), """
                gatewayId: gw-room-7
                compound:
                  transformer: { limitKw: 10, phaseLimitA: 20, phaseVoltageV: 230 }
                  circuits:
                    - { id: garage, limitKw: 10 }
                  piles:
                    - { id: p1, phase: A, maxA: 32, circuit: garage, driver: { coap: { host: 127.0.0.1, port: 5683, \
                plain: true, safeAmps: 16 } } }
                    - { id: p2, phase: ABC, maxA: 16, circuit: garage, driver: { coap: { host: 127.0.0.1, port: 5684, \
                plain: true, safeAmps: 10 } } }
                meters:
                  transformer: { bus: room, unit: 1, map: chint-dtsu666 }
                buses:
                  - { name: room, tcp: { host: 10.0.0.5 } }
                tariff:
                  periods:
                    - { from: "00:00", to: "24:00", price: 0.5 }
                """);

        OrderlyRun r = run(DEVICES, file);

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().strip()).startsWith(file + ": OK: ");
        String piles = " (p1 16 A x 230 V = 3.68 kW, p2 10 A x 230 V x 3 phases = 6.90 kW), nothing coordinating them; ";
        assertThat(problems(r, file)).containsExactly(
                file + ":3:27: warning: 'limitKw' of the transformer is 10 kW, but with the gateway stopped its piles fall "
                        + "back to 10.58 kW in all" + piles + "size their safeAmps so that the sum of safeAmps x 230 V "
                        + "(x 3 for a three-phase pile) is at most 10 kW, or accept it knowingly",
                file + ":3:44: warning: 'phaseLimitA' of the transformer is 20 A, but with the gateway stopped the piles on "
                        + "line A fall back to 26 A in all (p1 16 A, p2 10 A), nothing coordinating them; size their "
                        + "safeAmps so that they add up to at most 20 A on each line, or accept it knowingly",
                file + ":5:30: warning: 'limitKw' of circuit 'garage' is 10 kW, but with the gateway stopped the piles "
                        + "under it fall back to 10.58 kW in all" + piles + "size their safeAmps so that the sum of "
                        + "safeAmps x 230 V (x 3 for a three-phase pile) is at most 10 kW, or accept it knowingly");
        assertThat(r.err().lines().filter(l -> l.contains("warning: ")).count()).as("each said once").isEqualTo(3);
    }

    /** A pile that keeps its last limit, or falls back to a current of its own, counts at its maxA: the most it may hold. */
    @Test
    void aPileWhoseFallbackIsNotKnownCountsAtItsMaxA(@TempDir Path dir) throws IOException {
        Path devices = devicesWithout(dir, "watchdog: ");
        Path file = Files.writeString(dir.resolve("orderly.yaml"), CheckConfigCommandTest.validWith(List.of(
                "limitKw: 40", "limitKw: 12",
                P2, "modbus: { bus: room, unit: 20, map: piles/generic-pile, keepsLastLimit: accepted }\n      circuit: garage")));

        OrderlyRun r = run(devices, file);

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(problems(r, file)).containsExactly(
                file + ":5:30: warning: 'limitKw' of circuit 'garage' is 12 kW, but with the gateway stopped the piles "
                        + "under it fall back to 12.42 kW in all (p1 6 A x 230 V = 1.38 kW, p2 16 A x 230 V x 3 phases = "
                        + "11.04 kW at its maxA: it keeps its last limit), nothing coordinating them; size their safeAmps so "
                        + "that the sum of safeAmps x 230 V (x 3 for a three-phase pile) is at most 12 kW, or accept it "
                        + "knowingly");
    }

    @Test
    void theValidFileGivesNoWarning() {
        Path file = DIR.resolve("valid.yaml");
        OrderlyRun r = run(DEVICES, file);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(problems(r, file)).isEmpty();
    }

    private static OrderlyRun run(Path devices, Path file) {
        return OrderlyRun.of("check-config", "--devices", devices.toString(), file.toString());
    }

    private static List<String> problems(OrderlyRun r, Path file) {
        return r.err().lines().filter(l -> l.startsWith(file.toString())).toList();
    }

    /** A copy of the shipped maps with the pile template's line starting {@code key} left out. */
    private static Path devicesWithout(Path dir, String key) throws IOException {
        Path devices = dir.resolve("devices");
        Files.createDirectories(devices.resolve("piles"));
        for (String map : List.of("eastron-sdm120.yaml", "chint-dtsu666.yaml")) {
            Files.copy(DEVICES.resolve(map), devices.resolve(map));
        }
        String template = Files.readString(DEVICES.resolve("piles/generic-pile.yaml"));
        String without = String.join("\n", template.lines().filter(l -> !l.startsWith(key)).toList()) + "\n";
        assertThat(without).isNotEqualTo(template);
        Files.writeString(devices.resolve("piles/generic-pile.yaml"), without);
        return devices;
    }
}
