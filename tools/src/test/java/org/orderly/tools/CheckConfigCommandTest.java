package org.orderly.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.orderly.tools.testing.OrderlyRun;

/**
 * {@code orderly check-config} on the shipped register maps: a valid file gives one summary line and exit 0; each
 * broken file (one problem each, derived from valid.yaml, plus several.yaml with four) gives exactly its problems,
 * each as {@code file:line:column: what; hint} at the token that is wrong, then a count, and exit 2.
 */
class CheckConfigCommandTest {
    private static final Path DIR = Path.of("src/test/resources/check-config");
    private static final String DEVICES = "../config/devices";

    @Test
    void aValidFileGivesOneSummaryLineAndExitZero() {
        OrderlyRun r = OrderlyRun.of("check-config", "--devices", DEVICES, DIR.resolve("valid.yaml").toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out().strip()).isEqualTo(DIR.resolve("valid.yaml") + ": OK: gateway gw-room-7, transformer 400 kW, "
                + "2 piles, 1 circuit, 2 meters (1 DL/T 645) on 2 buses, 2 tariff periods");
        assertThat(r.err()).doesNotContain("valid.yaml:");
    }

    /** The summary counts the periods as written: a whole day at one price is one, a period past midnight is one. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("tariffs")
    void theSummaryCountsTheTariffPeriodsAsWritten(String periods, String written, @TempDir Path dir) throws IOException {
        String valid = Files.readString(DIR.resolve("valid.yaml"));
        Path file = Files.writeString(dir.resolve("orderly.yaml"), valid.substring(0, valid.indexOf("tariff:")) + "tariff:\n  periods:\n"
                + periods);
        OrderlyRun r = OrderlyRun.of("check-config", "--devices", DEVICES, file.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().strip()).endsWith(", " + written);
    }

    static Stream<Arguments> tariffs() {
        return Stream.of(
                Arguments.of("""
                            - { from: "00:00", to: "24:00", price: 0.5 }
                        """, "1 tariff period"),
                Arguments.of("""
                            - { from: "22:00", to: "06:00", price: 0.3 }
                            - { from: "06:00", to: "22:00", price: 0.6 }
                        """, "2 tariff periods"),
                Arguments.of("""
                            - { from: "00:00", to: "07:00", price: 0.3 }
                            - { from: "07:00", to: "19:00", price: 0.6 }
                            - { from: "19:00", to: "24:00", price: 0.9 }
                        """, "3 tariff periods"));
    }

    /**
     * A bus listed before its devices are installed is accepted, with a warning at its name; until 2026-12-04 nothing
     * was said of it.
     */
    @Test
    void aBusWithNothingOnItIsAWarningAtItsName(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("orderly.yaml"), validWith(List.of(
                "tariff:", "  - name: garage-485\n    serial: { port: /dev/ttyUSB2 }\ntariff:")));

        OrderlyRun r = OrderlyRun.of("check-config", "--devices", DEVICES, file.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err().lines().filter(l -> l.contains("warning: bus"))).containsExactly(file + ":28:11: warning: bus"
                + " 'garage-485' has nothing on it (no meter, no pile), so nothing is read there; name it as the bus of"
                + " its meters or Modbus piles once they are installed, or leave it out until then");
    }

    @Test
    void theShippedExampleIsValidOnceItsKeyFilesExist(@TempDir Path dir) throws IOException {
        Path config = Files.copy(Path.of("../config/orderly.example.yaml"), dir.resolve("orderly.yaml"));
        Files.createDirectories(dir.resolve("keys"));
        for (int i = 1; i <= 5; i++) {
            Files.writeString(dir.resolve("keys/p0" + i + ".psk"), "test-only-key-" + i + "\n");
        }
        OrderlyRun r = OrderlyRun.of("check-config", "--devices", DEVICES, config.toString());
        assertThat(r.exit()).as(r.err()).isZero();
    }

    @Test
    void theShippedExampleWithoutItsKeyFilesNamesEachMissingKey(@TempDir Path dir) throws IOException {
        Path config = Files.copy(Path.of("../config/orderly.example.yaml"), dir.resolve("orderly.yaml"));
        OrderlyRun r = OrderlyRun.of("check-config", "--devices", DEVICES, config.toString());
        assertThat(r.exit()).isEqualTo(2);
        List<String> lines = r.err().lines().filter(l -> l.startsWith(config.toString())).toList();
        assertThat(lines).hasSize(6);
        for (int i = 1; i <= 5; i++) {
            // Until 2026-12-04 the line ended there, saying nothing of what to put in the file.
            assertThat(lines.get(i - 1)).contains("'pskKeyFile' in compound.piles[" + (i - 1) + "].driver.coap: file "
                    + dir.resolve("keys/p0" + i + ".psk") + ": no such file; create it holding the key"
                    + " the pile's firmware-bridge has (the text of its --psk-key-file), mode 600"
                    + " (docs/firmware-bridge.md, \"DTLS with a pre-shared key\")");
        }
        assertThat(lines.get(5)).isEqualTo(config + ": 5 problems");
    }

    static Stream<Arguments> broken() {
        return Stream.of(
                Arguments.of("unknown-key.yaml", List.of(
                        "3:18: unknown key 'limitKW' in compound.transformer; did you mean 'limitKw'?")),
                Arguments.of("unrelated-key.yaml", List.of(
                        "13:7: missing 'maxA' in compound.piles[1]; ",
                        "15:7: unknown key 'note' in compound.piles[1]; known keys: ")),
                Arguments.of("wrong-unit.yaml", List.of(
                        "9:13: 'maxA' in compound.piles[0] must be a number (A), was '32 A'; "
                                + "write the number alone, the unit is in the key's name: 32")),
                Arguments.of("duplicate-pile.yaml", List.of(
                        "13:11: duplicate pile id 'p1' (first at line 7); ids must be unique")),
                // Until 2026-12-04 each reference to the id the duplicate was meant as was a line of its own
                // (meters.piles[0] refers to unknown pile 'p2'; did you mean 'p1'?).
                Arguments.of("duplicate-pile-meant-another.yaml", List.of(
                        "13:11: duplicate pile id 'p1' (first at line 7); ids must be unique; no pile is 'p2', which"
                                + " meters.piles[0] (line 21) refers to: was this one meant to be 'p2'?")),
                Arguments.of("duplicate-circuit-meant-another.yaml", List.of(
                        "6:13: duplicate circuit id 'garage-a' (first at line 5); ids must be unique; no circuit is"
                                + " 'garage-b', which pile 'p2' (line 9) and 1 more refer to: was this one meant to be"
                                + " 'garage-b'?")),
                Arguments.of("duplicate-bus-meant-another.yaml", List.of(
                        "15:11: duplicate bus id 'room' (first at line 13); ids must be unique; no bus is 'garage-485',"
                                + " which meters.piles[0] (line 10) and 1 more refer to: was this one meant to be"
                                + " 'garage-485'?")),
                // The second 'room', a copied block of another protocol, is the one refused: until 2026-12-05 the
                // transformer meter and the Modbus pile written for the first were judged by its protocol too, three
                // more lines telling the installer to make the transformer meter a DL/T 645 one
                // (missing 'dlt645' in meters.transformer; 'unit' ... is for Modbus meters; ...).
                Arguments.of("duplicate-bus-of-another-protocol.yaml", List.of(
                        "14:11: duplicate bus id 'room' (first at line 12); ids must be unique; no bus is 'room-645',"
                                + " which meters.piles[0] (line 10) refers to: was this one meant to be 'room-645'?")),
                // A name near another declared one is that one mistyped, not the duplicate's knock-on.
                Arguments.of("duplicate-bus-and-a-typo.yaml", List.of(
                        "10:24: meters.piles[0] refers to unknown bus 'garage-458'; did you mean 'garage-485'?",
                        "16:11: duplicate bus id 'room' (first at line 12); ids must be unique")),
                Arguments.of("unknown-circuit.yaml", List.of(
                        "10:16: pile 'p1' refers to unknown circuit 'garaj'; known: garage")),
                Arguments.of("meter-for-unknown-pile.yaml", List.of(
                        "21:15: meters.piles[0] refers to unknown pile 'p3'; did you mean 'p1'? known: p1, p2")),
                Arguments.of("bad-phase.yaml", List.of(
                        "14:14: 'phase' in compound.piles[1] must be A, B, C or ABC, was 'AB'")),
                Arguments.of("unknown-map.yaml", List.of(
                        "21:44: no register map 'eastron-sdm630x' in " + DEVICES + " or " + DevicesOption.shipped()
                                + "; did you mean 'eastron-sdm630'?")),
                Arguments.of("pile-map-for-meter.yaml", List.of(
                        "21:44: register map 'piles/generic-pile' is a pile's map, not a meter's: it has a pile's limit and states; "
                                + "a meter needs a meter map; available: ")),
                Arguments.of("meter-map-for-pile.yaml", List.of(
                        "17:45: register map 'eastron-sdm120' is a meter's map, not a pile's: a Modbus pile needs a pile map")),
                Arguments.of("circuit-limit-zero.yaml", List.of(
                        "5:30: 'limitKw' of circuit 'garage' is 0 kW, less than pile 'p1' on it needs to charge at all "
                                + "(6 A x 230 V = 1.38 kW); give the EV load the circuit's breaker allows, e.g. 44")),
                Arguments.of("single-phase-transformer-meter.yaml", List.of(
                        "19:43: register map 'chint-ddsu666' is a single-phase meter's (voltage.v): the transformer feeds three phases "
                                + "and its meter must measure all three, or the gateway sees a third of the load; "
                                + "choose a three-phase map")),
                Arguments.of("single-phase-meter-three-phase-pile.yaml", List.of(
                        "21:44: register map 'eastron-sdm120' is a single-phase meter's (voltage.v), but pile 'p2' is three-phase (ABC): "
                                + "its meter must measure all three phases; choose a three-phase map")),
                Arguments.of("modbus-pile-on-dlt645-bus.yaml", List.of(
                        "17:24: pile 'p2' is driven over Modbus on bus 'room-645', which speaks DL/T 645; put it on a Modbus bus")),
                Arguments.of("pile-on-meter-unit.yaml", List.of(
                        "21:36: unit 2 on bus 'room' is already used at line 17 by pile 'p2'; "
                                + "each device on a bus, meter or pile, needs its own unit id")),
                Arguments.of("port-out-of-range.yaml", List.of(
                        "12:40: 'port' in compound.piles[0].driver.coap must be within 1..65535, was 70000")),
                Arguments.of("same-serial-port.yaml", List.of(
                        "27:13: buses[1] uses /dev/ttyUSB0, already used by the bus at line 24; "
                                + "list all meters of one line under one bus")),
                Arguments.of("two-piles-one-unit.yaml", List.of(
                        "22:36: unit 20 on bus 'room' is already used at line 17 by pile 'p2'; "
                                + "each device on a bus, meter or pile, needs its own unit id")),
                Arguments.of("two-meters-one-unit.yaml", List.of(
                        "22:36: unit 2 on bus 'room' is already used at line 21 by the meter of pile 'p1'; "
                                + "each device on a bus, meter or pile, needs its own unit id")),
                Arguments.of("two-meters-for-one-pile.yaml", List.of(
                        "22:15: pile 'p1' has two meters in meters.piles: lines 21 and 22; give each pile one")),
                Arguments.of("duplicate-bus.yaml", List.of(
                        "28:11: duplicate bus id 'room' (first at line 23); ids must be unique")),
                Arguments.of("same-tcp-endpoint.yaml", List.of(
                        "29:10: buses[2] uses tcp://10.0.0.5:502, already used by the bus at line 24; "
                                + "list all meters of one line under one bus")),
                Arguments.of("dlt645-same-address.yaml", List.of(
                        "21:53: address 000000123456 on bus 'room-645' is already used at line 19; each meter has its own address")),
                Arguments.of("same-bridge.yaml", List.of(
                        "22:15: bridge 127.0.0.1:5683 of pile 'p3' is already used at line 12 by pile 'p1'; "
                                + "a firmware-bridge drives one pile: give each pile the host and port of its own bridge")),
                Arguments.of("transformer-limit-below-pile.yaml", List.of(
                        "3:27: 'limitKw' of the transformer is 1 kW, less than pile 'p1' needs to charge at all (6 A x 230 V = 1.38 kW); "
                                + "give the total load the transformer may carry, e.g. 630")),
                Arguments.of("phase-limit-below-pile.yaml", List.of(
                        "3:45: 'phaseLimitA' of the transformer is 5 A, less than pile 'p1' needs to charge at all (6 A on phase A); "
                                + "give the current each low-voltage line may carry, e.g. 900 for 630 kVA at 230 V")),
                Arguments.of("dlt645-on-modbus-bus.yaml", List.of(
                        "19:37: meters.transformer is a DL/T 645 meter on bus 'room', which speaks Modbus; "
                                + "put it on a bus with protocol: dlt645")),
                Arguments.of("dlt645-bad-address.yaml", List.of(
                        "19:52: 'address' in meters.transformer.dlt645 must be up to 12 decimal digits, was '00000012345X'")),
                Arguments.of("dlt645-bad-version.yaml", List.of(
                        "19:77: 'version' in meters.transformer.dlt645 must be 2007 or 1997, was '2017'; did you mean '2007'?")),
                Arguments.of("dlt645-bad-block-reads.yaml", List.of(
                        "19:80: 'blockReads' in meters.transformer.dlt645 must be true or false, was 'on'; true reads")),
                Arguments.of("dlt645-1997-frequency.yaml", List.of(
                        "19:124: DL/T 645 quantity 'frequency.hz' in meters.transformer.dlt645 is not in the DL/T 645-1997 table")),
                Arguments.of("dlt645-without-power.yaml", List.of(
                        "19:80: the transformer meter's quantities must include power.total.kw")),
                Arguments.of("missing-psk-file.yaml", List.of(
                        "12:63: 'pskKeyFile' in compound.piles[0].driver.coap: file ")),
                Arguments.of("empty-psk-file.yaml", List.of(
                        "12:63: 'pskKeyFile' in compound.piles[0].driver.coap: file ")),
                Arguments.of("tariff-gap.yaml", List.of(
                        "30:5: tariff periods do not cover 07:00-08:00")),
                Arguments.of("offline-too-short.yaml", List.of(
                        "32:48: control.pileOfflineAfterMs 20000 is less than the lease of pile 'p1' (ttlSeconds 30): "
                                + "its bridge is heard at each renewal, every 10000 ms, and a healthy one would go offline "
                                + "when two are late; make it at least 30000")),
                Arguments.of("duplicate-key.yaml", List.of(
                        "2:1: key 'gatewayId' given twice in the file (first at line 1, column 1); keep one")),
                Arguments.of("several.yaml", List.of(
                        "3:27: 'limitKw' in compound.transformer must be a number (kW), was '400 kW'; write the number alone",
                        "8:14: 'phase' in compound.piles[0] must be A, B, C or ABC, was 'a'; write it in capitals",
                        "17:36: 'unit' in compound.piles[1].driver.modbus must be within 1..247, was 300",
                        "26:15: 'protocol' in buses[1] must be modbus or dlt645, was 'dl645'; did you mean 'dlt645'?")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("broken")
    void eachProblemIsNamedAtItsLineAndColumnAndTheExitIsTwo(String name, List<String> expected) {
        Path file = DIR.resolve("broken").resolve(name);
        OrderlyRun r = OrderlyRun.of("check-config", "--devices", DEVICES, file.toString());
        assertThat(r.exit()).isEqualTo(2);
        List<String> lines = r.err().lines().filter(l -> l.startsWith(file.toString())).toList();
        assertThat(lines).hasSize(expected.size() + 1);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(lines.get(i)).startsWith(file + ":" + expected.get(i));
        }
        assertThat(lines.get(expected.size())).isEqualTo(file + ": " + expected.size() + " problem" + (expected.size() == 1 ? "" : "s"));
        assertThat(r.out()).isEmpty();
    }

    /**
     * Two piles on one firmware-bridge would drive one charger with two limits, the last sent winning each time; two
     * buses on one Modbus TCP gateway would be two pollers talking over each other. An address is compared as the
     * gateway reaches it: a name in any case, with or without its trailing dot, an IPv6 address however written. Never
     * looked up: 'localhost' and 127.0.0.1 are not taken for one.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("oneEndpointSpelledTwoWays")
    void oneEndpointSpelledTwoWaysIsRefused(String what, String expected, List<String> fromTo, @TempDir Path dir)
            throws IOException {
        Path file = Files.writeString(dir.resolve("orderly.yaml"), validWith(fromTo));

        OrderlyRun r = OrderlyRun.of("check-config", "--devices", DEVICES, file.toString());

        assertThat(r.exit()).as(r.out()).isEqualTo(2);
        assertThat(r.err().lines().filter(l -> l.startsWith(file.toString())).toList())
                .containsExactly(file + ":" + expected, file + ": 1 problem");
    }

    static Stream<Arguments> oneEndpointSpelledTwoWays() {
        String p1 = "coap: { host: 127.0.0.1, port: 5683, plain: true }";
        String p2 = "modbus: { bus: room, unit: 20, map: piles/generic-pile }";
        String room = "tcp: { host: 10.0.0.5 }\n";
        String bridge = "; a firmware-bridge drives one pile: give each pile the host and port of its own bridge";
        return Stream.of(
                Arguments.of("a bridge's name in two cases, one with its dot", "17:15: bridge bridge-1.lan.:5683 of pile 'p2' "
                        + "is already used at line 12 by pile 'p1'" + bridge, List.of(
                        p1, "coap: { host: Bridge-1.LAN, port: 5683, plain: true }",
                        p2, "coap: { host: bridge-1.lan., plain: true }")),
                Arguments.of("a bridge's IPv6 address written two ways", "17:15: bridge [0:0:0:0:0:0:0:1]:5683 of pile 'p2' "
                        + "is already used at line 12 by pile 'p1'" + bridge, List.of(
                        p1, "coap: { host: \"::1\", port: 5683, plain: true }",
                        p2, "coap: { host: \"0:0:0:0:0:0:0:1\", port: 5683, plain: true }")),
                Arguments.of("a Modbus TCP gateway's name in two cases", "26:10: buses[1] uses tcp://gw-1.lan:502, already used "
                        + "by the bus at line 24; list all meters of one line under one bus", List.of(
                        room, "tcp: { host: GW-1.lan }\n  - name: room-b\n    tcp: { host: gw-1.lan, port: 502 }\n")));
    }

    /** Piles on one host at two ports are two bridges (the demo runs all of its on 127.0.0.1), and one port on two hosts. */
    @Test
    void bridgesOnOneHostAtTwoPortsOrOnTwoHostsAtOnePortAreAccepted(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("orderly.yaml"), validWith(List.of(
                "modbus: { bus: room, unit: 20, map: piles/generic-pile }", "coap: { host: 127.0.0.1, port: 5685, plain: true }",
                "meters:\n", "    - id: p3\n      phase: B\n      maxA: 16\n      driver:\n"
                        + "        coap: { host: 127.0.0.2, port: 5683, plain: true }\nmeters:\n")));

        OrderlyRun r = OrderlyRun.of("check-config", "--devices", DEVICES, file.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains(", 3 piles, ");
    }

    /**
     * A serial port named by its stable link (/dev/serial/by-id/...) and by the device the link points to is one port:
     * two buses on it would be two masters on one RS-485 line. Where the link exists (check-config run on the gateway)
     * it is followed; where it does not, the names are compared as written.
     */
    @Test
    void oneSerialPortByItsLinkAndByItsDeviceIsRefused(@TempDir Path dir) throws IOException {
        Path device = Files.writeString(dir.resolve("ttyUSB0"), "");
        Path link = Files.createSymbolicLink(Files.createDirectories(dir.resolve("by-id")).resolve("usb-FTDI-if00-port0"),
                Path.of("../ttyUSB0"));
        Path file = Files.writeString(dir.resolve("orderly.yaml"), validWith(List.of(
                "modbus: { bus: room, unit: 20, map: piles/generic-pile }", "coap: { host: 127.0.0.1, port: 5685, plain: true }",
                "tcp: { host: 10.0.0.5 }", "serial: { port: " + device + " }",
                "port: /dev/ttyUSB1 }", "port: " + link + " }")));

        OrderlyRun r = OrderlyRun.of("check-config", "--devices", DEVICES, file.toString());

        assertThat(r.exit()).as(r.out()).isEqualTo(2);
        assertThat(r.err().lines().filter(l -> l.startsWith(file.toString())).toList()).containsExactly(
                file + ":27:13: buses[1] uses " + link + " (which is " + device.toRealPath() + "), already used by the bus at "
                        + "line 24; list all meters of one line under one bus",
                file + ": 1 problem");
    }

    /** valid.yaml with each {@code from} (once, and it must be there) replaced by the {@code to} after it. */
    static String validWith(List<String> fromTo) throws IOException {
        String text = Files.readString(DIR.resolve("valid.yaml"));
        for (int i = 0; i < fromTo.size(); i += 2) {
            assertThat(text).contains(fromTo.get(i));
            text = text.replace(fromTo.get(i), fromTo.get(i + 1));
        }
        return text;
    }

    /**
     * A pile map that gives a key twice (an installer's copy of the template, a line pasted in again) is refused naming
     * the key and where, rather than the last one silently taken: a second scale of the limit register would write
     * every limit a hundred times too small or large.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("pileMapsGivingAKeyTwice")
    void aPileMapGivingAKeyTwiceIsRefused(String from, String to, String expected, @TempDir Path dir) throws IOException {
        Path devices = dir.resolve("devices");
        Files.createDirectories(devices.resolve("piles"));
        for (String map : List.of("eastron-sdm120.yaml", "piles/generic-pile.yaml")) {
            Files.copy(Path.of(DEVICES, map), devices.resolve(map));
        }
        Path pileMap = devices.resolve("piles/generic-pile.yaml");
        String text = Files.readString(pileMap);
        assertThat(text).contains(from);
        // Lines as the template has them now (its comments grow): the limit's, and the one after the states'.
        List<String> lines = text.lines().toList();
        int limitLine = lines.indexOf(lines.stream().filter(l -> l.startsWith("limit:")).findFirst().orElseThrow()) + 1;
        int afterStates = lines.indexOf(lines.stream().filter(l -> l.startsWith("states:")).findFirst().orElseThrow()) + 2;
        expected = String.format(expected, limitLine, afterStates);
        Files.writeString(pileMap, text.replace(from, to));
        Path file = DIR.resolve("valid.yaml");

        OrderlyRun r = OrderlyRun.of("check-config", "--devices", devices.toString(), file.toString());

        assertThat(r.exit()).as(r.out()).isEqualTo(2);
        assertThat(r.err().lines().filter(l -> l.startsWith(file.toString())).toList()).containsExactly(
                file + ":17:45: register map 'piles/generic-pile' cannot drive a pile: " + pileMap + ":" + expected
                        + "; a pile needs a pile map (limit register and states), see config/devices/piles/generic-pile.yaml",
                file + ": 1 problem");
    }

    static Stream<Arguments> pileMapsGivingAKeyTwice() {
        return Stream.of(
                Arguments.of("limit:    { address: 0x0100, function: 6, scale: 0.1 }",
                        "limit:    { address: 0x0100, function: 6, scale: 0.1, scale: 10 }",
                        "%1$d: key 'scale' given twice in limit (first at line %1$d); keep one"),
                Arguments.of("states:   { 1: A, 2: B, 3: C, 4: E, 5: F }\n",
                        "states:   { 1: A, 2: B, 3: C, 4: E, 5: F }\nlimit: { address: 0x0300 }\n",
                        "%2$d: key 'limit' given twice (first at line %1$d); keep one"));
    }

    @Test
    void aMissingFileIsOneLineAndExitTwo() {
        OrderlyRun r = OrderlyRun.of("check-config", "--devices", DEVICES, "no-such.yaml");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("no-such.yaml: no such file");
    }

    @Test
    void aMissingDevicesDirectoryNamesTheCommand() {
        // The line says whose option it is, as every other command's does, and that without it orderly has maps of its
        // own.
        OrderlyRun r = OrderlyRun.of("check-config", "--devices", "no-such-devices", DIR.resolve("valid.yaml").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("orderly check-config: --devices no-such-devices: no such directory of register maps; "
                + "give a directory of .yaml maps of your own (read before the shipped maps), or leave --devices out");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void takesTheFileAsSelftestAndRunDoToo() {
        // An installer who has just typed selftest --config FILE types check-config --config FILE: the same file,
        // checked.
        OrderlyRun r = OrderlyRun.of("check-config", "--devices", DEVICES, "--config", DIR.resolve("valid.yaml").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().strip()).startsWith(DIR.resolve("valid.yaml") + ": OK: gateway gw-room-7, ");
    }

    @Test
    void noFileIsOneLineAndExitTwo() {
        OrderlyRun r = OrderlyRun.of("check-config", "--devices", DEVICES);
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("orderly check-config: give the configuration file: orderly check-config FILE "
                + "(or --config FILE)");
    }
}
