package org.orderly.gateway.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.tariff.Tariff;
import org.orderly.gateway.field.modbus.BusEndpoint;

class ConfigLoaderTest {
    /** A configuration with nothing optional, and no tariff: each test adds its own. */
    static final String MINIMAL = """
            gatewayId: g
            compound:
              transformer: { limitKw: 100, phaseVoltageV: 230 }
              piles:
                - { id: p, phase: A, maxA: 16, driver: { coap: { host: h, plain: true } } }
            meters:
              transformer: { bus: b, unit: 1, map: chint-dtsu666 }
            buses:
              - { name: b, serial: { port: /dev/ttyS0 } }
            """;
    private static final Path RESOURCES = Path.of("src/test/resources/config");
    private static final Path DEVICES = RESOURCES.resolve("devices");

    @Test
    void validFileBuildsTheCompoundTariffAndSettings() throws Exception {
        GatewayConfig c = ConfigLoader.load(RESOURCES.resolve("valid.yaml"), DEVICES);
        assertThat(c.gatewayId()).isEqualTo("gw-test");
        Compound compound = c.compound();
        assertThat(compound.pileCount()).isEqualTo(2);
        assertThat(compound.transformer().limitKw()).isEqualTo(400);
        assertThat(compound.transformer().hasPhaseLimit()).isTrue();
        assertThat(compound.nodeCount()).isEqualTo(1 + 3 + 2);
        assertThat(compound.pile(0).circuitId()).isEqualTo("row-b");
        assertThat(compound.pile(0).minCurrentA()).isEqualTo(6);
        assertThat(compound.pile(1).phase()).isEqualTo(Phase.ABC);
        assertThat(compound.circuits().get(1).parentId()).isEqualTo("garage");
        assertThat(c.piles().get(0).driver()).isEqualTo(new PileDriver.Coap("127.0.0.1", 5684, "p1", "keys/p1.psk", false, 30, 6.0));
        assertThat(c.piles().get(1).driver()).isEqualTo(new PileDriver.Modbus("room", 20, "piles/generic-pile",
                PileDriver.DEFAULT_SAFE_AMPS, PileDriver.Lapse.SAFE_AMPS));
        assertThat(c.transformerMeter()).isEqualTo(new MeterConfig("transformer", null, "room", 1, "chint-dtsu666"));
        assertThat(c.pileMeters()).containsExactly(new MeterConfig("pile-p1", "p1", "room", 2, "eastron-sdm120"));
        BusConfig bus = c.bus("room");
        assertThat(bus.endpoint()).isEqualTo(new BusEndpoint.Tcp("127.0.0.1", 5020));
        assertThat(bus.timing(c.control().period()).interFrameGap()).isEqualTo(Duration.ofMillis(5));
        assertThat(c.control()).isEqualTo(new ControlConfig(500, 2000, 10, 2.4));
        assertThat(c.store().retentionDays()).isEqualTo(30);
        assertThat(c.store().path()).isEqualTo(RESOURCES.toAbsolutePath().resolve("data/test.db"));
        Tariff tariff = c.tariff();
        assertThat(tariff.zone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
        assertThat(tariff.priceAt(Instant.parse("2026-03-01T18:00:00Z"))).isEqualTo(0.3); // 02:00 local
        assertThat(tariff.priceAt(Instant.parse("2026-03-01T04:00:00Z"))).isEqualTo(0.6); // 12:00 local
    }

    @Test
    void shippedExampleLoadsAgainstTheShippedDeviceMaps(@TempDir Path dir) throws Exception {
        Path config = Files.copy(Path.of("../config/orderly.example.yaml"), dir.resolve("orderly.yaml"));
        Files.createDirectories(dir.resolve("keys"));
        for (int i = 1; i <= 5; i++) {
            Files.writeString(dir.resolve("keys/p0" + i + ".psk"), "test-only-key-" + i + "\n");
        }
        GatewayConfig c = ConfigLoader.load(config, Path.of("../config/devices"));
        assertThat(c.compound().pileCount()).isEqualTo(6);
        assertThat(c.transformerMeter().map()).isEqualTo("chint-dtsu666");
        assertThat(c.bus(c.transformerMeter().bus()).endpoint()).isInstanceOf(BusEndpoint.Tcp.class);
        assertThat(c.tariff().periods()).hasSize(6);
        assertThat(c.piles().get(5).driver()).isEqualTo(new PileDriver.Coap("10.20.0.16", 5683, null, null, true, 30, 6.0));
        assertThat(c.upstream()).as("the example's upstream section").isPresent();
        // The example is a Chinese compound (Asia/Shanghai, 负控): its low-voltage supply is 220/380 V (GB/T 156), so a
        // pile's amps are 220 V's kW; until 2026-12-06 it said 230, Europe's, and the planner counted 4.5 % too much.
        assertThat(c.compound().transformer().phaseVoltageV()).isEqualTo(220.0);
    }

    @Test
    void aControlSectionLeftOutAndOneWithEveryKeyLeftOutBothHaveTheOneSetOfDefaults() throws Exception {
        String tariff = "tariff:\n  periods: [ { from: \"00:00\", to: \"24:00\", price: 1 } ]\n";
        GatewayConfig without = ConfigLoader.parse("inline.yaml", MINIMAL + tariff, DEVICES, Path.of("/etc/orderly"));
        GatewayConfig empty = ConfigLoader.parse("inline.yaml", MINIMAL + tariff + "control: { safeEvKw: 0 }\n",
                DEVICES, Path.of("/etc/orderly"));
        assertThat(without.control()).as("no control section").isEqualTo(ControlConfig.DEFAULT);
        assertThat(empty.control()).as("a control section without its keys").isEqualTo(ControlConfig.DEFAULT);
    }

    @Test
    void defaultsApplyWhenOptionalSectionsAreLeftOut() throws Exception {
        String text = MINIMAL + """
                tariff:
                  periods: [ { from: "00:00", to: "24:00", price: 1 } ]
                """;
        GatewayConfig c = ConfigLoader.parse("inline.yaml", text, DEVICES, Path.of("/etc/orderly"));
        assertThat(c.control()).isEqualTo(new ControlConfig(1000, 3000, 0, 1.8));
        assertThat(c.store()).isEqualTo(new StoreConfig(Path.of("/etc/orderly/data/orderly.db"), 90));
        assertThat(c.transformer().hasPhaseLimit()).isFalse();
        assertThat(c.bus("b")).isEqualTo(new BusConfig("b", new BusEndpoint.Serial("/dev/ttyS0", 9600, "none", 8, 1), 10, 300, 2,
                BusConfig.Protocol.MODBUS));
        assertThat(c.tariff().zone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
        assertThat(c.compound().pile(0).minCurrentA()).isEqualTo(6);
    }

    /**
     * {@code tariff.zone} is an IANA name, or a fixed offset as Java writes it ({@code +08:00}, {@code UTC+8}, {@code
     * Z}) for a place without summer time: each is the same local time. A zone that is neither is refused naming both
     * forms; until 2026-12-03 the refusal and docs/operations.md named IANA names only, though offsets were taken.
     */
    @Test
    void aZoneIsAnIanaNameOrAFixedOffsetAndTheRefusalSaysSo() throws Exception {
        for (String zone : List.of("Asia/Shanghai", "+08:00", "UTC+8", "GMT+08:00", "Etc/GMT-8")) {
            GatewayConfig c = ConfigLoader.parse("z.yaml", MINIMAL + "tariff:\n  zone: \"" + zone + "\"\n"
                    + "  periods: [ { from: \"00:00\", to: \"08:00\", price: 0.3 }, { from: \"08:00\", to: \"24:00\","
                    + " price: 0.6 } ]\n", DEVICES, Path.of("/etc/orderly"));
            assertThat(c.tariff().priceAt(Instant.parse("2026-03-01T23:59:00Z"))).as(zone).isEqualTo(0.3); // 07:59
            assertThat(c.tariff().priceAt(Instant.parse("2026-03-02T00:00:00Z"))).as(zone).isEqualTo(0.6); // 08:00
        }
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.parse("z.yaml",
                MINIMAL + "tariff:\n  zone: CST\n  periods: [ { from: \"00:00\", to: \"24:00\", price: 1 } ]\n",
                DEVICES, Path.of("/etc/orderly")));
        assertThat(e.problems()).containsExactly("z.yaml:11:9: unknown time zone 'CST' in tariff; use an IANA name such"
                + " as Asia/Shanghai, or a fixed offset such as +08:00 where there is no summer time");
    }

    /**
     * Installers write a tariff's times as the price sheet does, {@code 7:00}: read as {@code 07:00}, quoted or not
     * (unquoted, YAML 1.1 would take {@code 7:00} for the number 420; the reader takes the text as written). Until
     * 2026-12-04 it was refused, wanting "07:00". A time with seconds, or an hour past 23, is still refused, saying both
     * forms.
     */
    @Test
    void aTariffTimeMayBeWrittenWithOneDigitForTheHour() throws Exception {
        GatewayConfig c = ConfigLoader.parse("t.yaml", MINIMAL + "tariff:\n  zone: \"+08:00\"\n"
                + "  periods: [ { from: \"0:00\", to: \"7:30\", price: 0.3 }, { from: 7:30, to: \"24:00\", price: 0.6 } ]\n",
                DEVICES, Path.of("/etc/orderly"));
        assertThat(c.tariff().priceAt(Instant.parse("2026-03-01T23:29:00Z"))).isEqualTo(0.3); // 07:29 local
        assertThat(c.tariff().priceAt(Instant.parse("2026-03-01T23:30:00Z"))).isEqualTo(0.6); // 07:30 local
        for (String refused : List.of("7:00:00", "24:30", "7:5", "07:60")) {
            ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.parse("t.yaml", MINIMAL
                    + "tariff:\n  periods: [ { from: \"" + refused + "\", to: \"24:00\", price: 1 } ]\n", DEVICES,
                    Path.of("/etc/orderly")));
            assertThat(e.problems()).as(refused).containsExactly("t.yaml:11:22: 'from' in tariff.periods[0] must be a"
                    + " local time \"HH:MM\" or \"H:MM\" (00:00..23:59), was '" + refused + "'");
        }
    }

    /** A missed kWh no dearer than the cheapest would leave cars uncharged: refused where it is, or at the tariff. */
    @Test
    void aMissedKWhPriceNotAboveTheCheapestTariffPriceIsRefused() {
        String text = MINIMAL + """
                tariff:
                  periods: [ { from: "00:00", to: "08:00", price: 0.3 }, { from: "08:00", to: "24:00", price: 2.5 } ]
                """;
        ConfigException given = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.parse("low.yaml",
                text + "control: { missedKWhPrice: 0.3 }\n", DEVICES, Path.of(".")));
        assertThat(given.problems()).containsExactly("low.yaml:12:28: control.missedKWhPrice 0.3 is not above the "
                + "cheapest tariff price 0.3; the scheduler would leave cars uncharged rather than pay it: give what a "
                + "public fast charger costs per kWh, in the tariff's currency");

        ConfigException byDefault = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.parse("dear.yaml",
                text.replace("price: 0.3", "price: 1.9"), DEVICES, Path.of(".")));
        assertThat(byDefault.problems()).singleElement().asString()
                .startsWith("dear.yaml:11:12: control.missedKWhPrice 1.8 is not above the cheapest tariff price 1.9;");

        ConfigException withUnit = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.parse("unit.yaml",
                text + "control: { missedKWhPrice: 1.8 CNY }\n", DEVICES, Path.of(".")));
        assertThat(withUnit.problems()).containsExactly("unit.yaml:12:28: 'missedKWhPrice' in control must be a number "
                + "(per kWh), was '1.8 CNY'; write the number alone, a price per kWh in the tariff's currency: 1.8");
    }

    @Test
    void aPileMapThatDoesNotParseIsReportedByItsOwnErrorNotAsAMetersMap(@org.junit.jupiter.api.io.TempDir Path devices)
            throws Exception {
        try (Stream<Path> files = java.nio.file.Files.walk(DEVICES)) {
            for (Path f : files.toList()) {
                Path to = devices.resolve(DEVICES.relativize(f).toString());
                if (java.nio.file.Files.isDirectory(f)) {
                    java.nio.file.Files.createDirectories(to);
                } else {
                    java.nio.file.Files.copy(f, to);
                }
            }
        }
        java.nio.file.Files.writeString(devices.resolve("piles/broken.yaml"), java.nio.file.Files.readString(
                devices.resolve("piles/generic-pile.yaml")).replace("limit:    {", "limit:\t{"));
        Path fixture = Path.of("src/test/resources/config/broken/map-kind-mismatch.yaml");
        String text = java.nio.file.Files.readString(fixture).replace("chint-dtsu666", "piles/broken");

        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> ConfigLoader.parse("tab.yaml", text, devices, Path.of(".")));

        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("register map 'piles/broken'"))
                .noneSatisfy(p -> assertThat(p).contains("is a meter's map"));
    }

    @Test
    void emptyFileIsOneProblem() {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> ConfigLoader.parse("empty.yaml", "# nothing\n", DEVICES, Path.of(".")));
        assertThat(e.problems()).singleElement().asString().startsWith("empty.yaml:1:1: the file is empty");
    }

    static Stream<Arguments> broken() {
        return Stream.of(
                Arguments.of("unknown-key.yaml", List.of(
                        "3:18|unknown key 'limitKW' in compound.transformer; did you mean 'limitKw'? known keys:"
                                + " limitKw, phaseLimitA, phaseVoltageV",
                        "26:5|unknown key 'tpc' in buses[0]; did you mean 'tcp'? known keys: name, tcp, serial, timing, protocol")),
                Arguments.of("far-typo.yaml", List.of(
                        "3:50|unknown key 'voltage' in compound.transformer; did you mean 'phaseVoltageV'"
                                + " (required, and missing here)? known keys: limitKw, phaseLimitA, phaseVoltageV",
                        "17:7|unknown key 'maxAmps' in compound.piles[1]; did you mean 'maxA' (required, and missing here)? known keys: ")),
                Arguments.of("unrelated-unknown-key.yaml", List.of(
                        // note is nothing like maxA: unknown, and maxA missing, each where it is. In the same mapping
                        // maxAmps still suggests maxA.
                        "10:7|unknown key 'note' in compound.piles[0]; known keys: id, phase, minA, maxA, circuit, driver",
                        "11:7|unknown key 'maxAmps' in compound.piles[0]; did you mean 'maxA' (required, and missing here)? known keys: ",
                        "15:7|missing 'maxA' in compound.piles[1]; the pile's rated current",
                        "18:7|unknown key 'note' in compound.piles[1]; known keys: id, phase, minA, maxA, circuit, driver")),
                Arguments.of("empty-gateway-id.yaml", List.of(
                        "1:11|'gatewayId' in the file must be a non-empty text")),
                Arguments.of("map-kind-mismatch.yaml", List.of(
                        "19:45|register map 'chint-dtsu666' is a meter's map, not a pile's: a Modbus pile needs a pile map",
                        "21:43|register map 'piles/generic-pile' is a pile's map, not a meter's: ")),
                Arguments.of("missing-keys.yaml", List.of(
                        "1:1|missing 'gatewayId' in the file",
                        "2:16|missing 'phaseVoltageV' in compound.transformer; the phase-to-neutral voltage")),
                Arguments.of("line-to-line-voltage.yaml", List.of(
                        // China's supply is 220/380 V (GB/T 156); until 2026-12-06 the hint said 230 in China.
                        "3:65|'phaseVoltageV' in compound.transformer must be within 100..300 (V), was 380; the"
                                + " phase-to-neutral voltage, 220 in China (not the 380 V line-to-line), 230 in Europe (not 400)")),
                Arguments.of("wrong-units.yaml", List.of(
                        "3:27|'limitKw' in compound.transformer must be a number (kW), was '400 kW'; write the"
                                + " number alone, the unit is in the key's name: 400",
                        "10:13|'maxA' in compound.piles[0] must be a number (A), was '32A'",
                        "31:28|'to' in tariff.periods[0] must be a local time \"HH:MM\"",
                        "33:22|'periodMs' in control must be a whole number (ms), was '0.5s'; write the number"
                                + " alone, the unit is in the key's name and is ms, not s",
                        "34:45|'retentionDays' in store must be a whole number (days), was 'thirty'")),
                Arguments.of("duplicate-ids.yaml", List.of(
                        // The circuit a pile refers to and none is: said as what the duplicate was meant as, not a
                        // line of its own (until 2026-12-04, 11:16: pile 'p1' refers to unknown circuit 'row-b').
                        "6:13|duplicate circuit id 'garage' (first at line 5); ids must be unique; no circuit is 'row-b',"
                                + " which pile 'p1' (line 11) refers to: was this one meant to be 'row-b'?",
                        "14:11|duplicate pile id 'p1' (first at line 8)")),
                Arguments.of("unknown-circuit.yaml", List.of(
                        "11:16|pile 'p1' refers to unknown circuit 'row-c'; did you mean 'row-b'? known: garage, row-b")),
                Arguments.of("circuit-cycle.yaml", List.of(
                        "5:42|circuits form a cycle garage -> row-b -> garage")),
                Arguments.of("unknown-map.yaml", List.of(
                        "19:45|no register map 'abb-b23' in " + DEVICES + "; available: chint-dtsu666, eastron-sdm120, piles/generic-pile",
                        "21:43|no register map 'chint-dtsu66' in " + DEVICES + "; did you mean 'chint-dtsu666'?")),
                Arguments.of("ports-out-of-range.yaml", List.of(
                        "13:40|'port' in compound.piles[0].driver.coap must be within 1..65535, was 0",
                        "23:36|'unit' in meters.piles[0] must be within 1..247, was 248",
                        "26:35|'port' in buses[0].tcp must be within 1..65535, was 70000")),
                Arguments.of("missing-driver.yaml", List.of(
                        "8:7|missing 'driver' in compound.piles[0]",
                        "17:24|pile 'p2' refers to unknown bus 'rooom'; did you mean 'room'?")),
                Arguments.of("tariff-gap.yaml", List.of(
                        "31:5|tariff periods do not cover 07:00-08:00, 22:00-23:00")),
                Arguments.of("tariff-overlap.yaml", List.of(
                        "32:7|period 06:00-23:00 overlaps tariff.periods[0] at 06:00")),
                Arguments.of("not-yaml.yaml", List.of(
                        // Until 2026-12-06 SnakeYAML's words at the ':' (9:9: not valid YAML: mapping values are not
                        // allowed here); ConfigYamlIndentTest has the common indentation mistakes.
                        "9:5|indentation does not line up: this line starts at column 5, between the list item (line 8,"
                                + " column 4) and 'bad' (line 8, column 6) above it")),
                Arguments.of("pile-values.yaml", List.of(
                        "9:14|'phase' in compound.piles[0] must be A, B, C or ABC, was 'a'; write it in capitals",
                        "13:41|'plain' in compound.piles[0].driver.coap must be true or false, was 'yes'",
                        "16:13|minA 20 is above maxA 16 in compound.piles[1]: minA is the least current the pile"
                                + " offers (6 A by IEC 61851), maxA its rating (its nameplate's); correct the one that"
                                + " is wrong",
                        "33:57|'safeEvKw' in control must be within 0..400 (kW), was 500",
                        "33:78|'missedKWhPrice' in control must be within 0.01..100 (per kWh), was 0; what a resident pays")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("broken")
    void brokenFileReportsEachProblemOnOneLineAtItsPosition(String name, List<String> expected) {
        Path file = RESOURCES.resolve("broken").resolve(name);
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(file, DEVICES));
        assertThat(e).as("%s should not load", name).isNotNull();
        List<String> got = e.problems();
        assertThat(got).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            String[] lineAndText = expected.get(i).split("\\|", 2);
            assertThat(got.get(i)).startsWith(file + ":" + lineAndText[0] + ": " + lineAndText[1]);
            assertThat(got.get(i)).doesNotContain("\n");
        }
        assertThat(e.getMessage()).contains(String.join("\n", got));
    }

    @Test
    void aFileNotInUtf8IsOneProblemAtItsFirstForeignByte(@TempDir Path dir) throws Exception {
        // Saved by an editor set to GBK: a Chinese comment on line 2 after "# " (GBK 变 is B1 E4).
        Path file = dir.resolve("orderly.yaml");
        Files.write(file, ("gatewayId: g\n# 变压器\n").getBytes(java.nio.charset.Charset.forName("GBK")));
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(file, DEVICES));
        assertThat(e).as("a GBK file is a problem in the file, not an I/O error").isNotNull();
        assertThat(e.problems()).containsExactly(file + ":2:3: the file is not UTF-8 text (byte 0xB1 here); "
                + "save it as UTF-8");
    }

    /** Until 2026-12-05 SnakeYAML's words alone: {@code not accepted as YAML: special characters are not allowed}. */
    @Test
    void aBinaryFileIsOneProblemAtItsFirstZeroByte(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("orderly.yaml"), new byte[] {'g', 'w', 0, 1, 2});
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(file, DEVICES));
        assertThat(e.problems()).containsExactly(file + ":1:3: the file holds a zero byte here, as a binary file (or"
                + " UTF-16 text) does; it should be UTF-8 text");
    }

    @Test
    void missingFileIsAnIoError() {
        assertThatThrownBy(() -> ConfigLoader.load(RESOURCES.resolve("nope.yaml"), DEVICES))
                .isInstanceOf(java.io.IOException.class);
    }

    /**
     * A {@code {} left unclosed is found at the next line's item; the line says where the mapping began, the line to
     * fix. Until 2026-12-06 it named only the next line ({@code 3:3: not valid YAML: expected ',' or '}', but got -
     * (while parsing a flow mapping)}).
     */
    @Test
    void anUnclosedBraceIsSaidWhereItOpened() {
        String text = """
                compound:
                  piles:
                    - { id: p1, phase: A, maxA: 32, driver: { coap: { host: 127.0.0.1, plain: true } }
                    - { id: p2, phase: B, maxA: 32, driver: { coap: { host: 127.0.0.2, plain: true } } }
                """;
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> ConfigLoader.parse("inline.yaml", text, DEVICES, Path.of("/etc/orderly")));

        assertThat(e.problems()).containsExactly("inline.yaml:4:5: not valid YAML: expected ',' or '}', but got - (while "
                + "parsing a flow mapping begun at line 3, column 7); check indentation and quoting here");
    }
}
