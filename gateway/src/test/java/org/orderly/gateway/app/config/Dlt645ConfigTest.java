package org.orderly.gateway.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.field.dlt645.Dlt645Version;
import org.orderly.gateway.field.modbus.BusEndpoint;

/** DL/T 645 meters in the configuration: a bus with protocol: dlt645 gets the standard's line defaults. */
class Dlt645ConfigTest {
    private static final Path DEVICES = Path.of("src/test/resources/config/devices");

    @Test
    void dlt645BusAndMetersAreRead() throws Exception {
        String text = """
                gatewayId: g
                compound:
                  transformer: { limitKw: 100, phaseVoltageV: 230 }
                  piles:
                    - { id: p, phase: A, maxA: 16, driver: { coap: { host: h, plain: true } } }
                meters:
                  transformer: { bus: room-645, dlt645: { address: "000000123456" } }
                  piles:
                    - { pile: p, bus: room-645, dlt645: { address: "42", quantities: [power.total.kw, energy.import.kwh] } }
                buses:
                  - { name: room-645, protocol: dlt645, serial: { port: /dev/ttyUSB1 } }
                tariff:
                  periods: [ { from: "00:00", to: "24:00", price: 1 } ]
                """;
        GatewayConfig c = ConfigLoader.parse("inline.yaml", text, DEVICES, Path.of("/etc/orderly"));
        assertThat(c.bus("room-645")).isEqualTo(new BusConfig("room-645", new BusEndpoint.Serial("/dev/ttyUSB1", 2400, "even", 8, 1),
                10, 1000, 2, BusConfig.Protocol.DLT645));
        assertThat(c.transformerMeter()).isEqualTo(new MeterConfig("transformer", null, "room-645", 0, null,
                new MeterConfig.Dlt645("000000123456", List.of(), 1, Dlt645Version.V2007, false)));
        assertThat(c.pileMeters()).containsExactly(new MeterConfig("pile-p", "p", "room-645", 0, null,
                new MeterConfig.Dlt645("000000000042", List.of("power.total.kw", "energy.import.kwh"), 1, Dlt645Version.V2007, false)));
    }

    @Test
    void modbusKeysOnADlt645MeterAndUnknownQuantitiesAreReported() {
        String text = """
                gatewayId: g
                compound:
                  transformer: { limitKw: 100, phaseVoltageV: 230 }
                  piles:
                    - { id: p, phase: A, maxA: 16, driver: { coap: { host: h, plain: true } } }
                meters:
                  transformer: { bus: b, unit: 1, dlt645: { address: "1", quantities: [power.total.kw, power.totl.kw] } }
                buses:
                  - { name: b, protocol: dlt645, tcp: { host: 127.0.0.1 } }
                tariff:
                  periods: [ { from: "00:00", to: "24:00", price: 1 } ]
                """;
        ConfigException e = org.assertj.core.api.Assertions.catchThrowableOfType(ConfigException.class,
                () -> ConfigLoader.parse("inline.yaml", text, DEVICES, Path.of(".")));
        assertThat(e.problems()).containsExactly(
                "inline.yaml:7:32: 'unit' in meters.transformer is for Modbus meters; a DL/T 645 meter is found by"
                        + " dlt645: {address}: remove 'unit'",
                "inline.yaml:7:88: DL/T 645 quantity 'power.totl.kw' in meters.transformer.dlt645 is not one"
                        + " Orderly reads; did you mean 'power.total.kw'? known: energy.import.kwh, energy.export.kwh,"
                        + " energy.import.a.kwh, energy.import.b.kwh, energy.import.c.kwh, voltage.a.v, voltage.b.v,"
                        + " voltage.c.v, current.a.a, current.b.a, current.c.a, power.total.kw, power.a.kw,"
                        + " power.b.kw, power.c.kw, frequency.hz",
                "inline.yaml:9:39: missing 'port' in buses[0].tcp; the converter's TCP server port as set in it, e.g. port:"
                        + " 8899");
    }

    private static String withMeterAndBus(String dlt645, String bus) {
        return """
                gatewayId: g
                compound:
                  transformer: { limitKw: 100, phaseVoltageV: 230 }
                  piles:
                    - { id: p, phase: A, maxA: 16, driver: { coap: { host: h, plain: true } } }
                meters:
                  transformer: { bus: room-645, dlt645: %s }
                buses:
                  - %s
                tariff:
                  periods: [ { from: "00:00", to: "24:00", price: 1 } ]
                """.formatted(dlt645, bus);
    }

    @Test
    void aDlt645_1997MeterOnABusThroughAnRs485Converter() throws Exception {
        GatewayConfig c = ConfigLoader.parse("inline.yaml", withMeterAndBus("{ address: \"123456\", version: 1997, ctRatio: 40 }",
                "{ name: room-645, protocol: dlt645, tcp: { host: 192.168.10.21, port: 8899 } }"), DEVICES, Path.of("."));
        assertThat(c.bus("room-645")).isEqualTo(new BusConfig("room-645", new BusEndpoint.Tcp("192.168.10.21", 8899), 0, 1000,
                2, BusConfig.Protocol.DLT645));
        assertThat(c.transformerMeter().dlt645()).isEqualTo(new MeterConfig.Dlt645("000000123456", List.of(), 40,
                Dlt645Version.V1997, false));
        assertThat(TransformerLines.dlt645Reads(c.transformerMeter().dlt645()))
                .containsExactly("power.total.kw", "current.a.a", "current.b.a", "current.c.a");
    }

    @Test
    void aVersionThatIsNoEditionIsOneLineAtItsValue() {
        ConfigException e = org.assertj.core.api.Assertions.catchThrowableOfType(ConfigException.class,
                () -> ConfigLoader.parse("inline.yaml", withMeterAndBus("{ address: \"1\", version: 1998 }",
                        "{ name: room-645, protocol: dlt645, serial: { port: /dev/ttyUSB1 } }"), DEVICES, Path.of(".")));
        assertThat(e.problems()).containsExactly("inline.yaml:7:66: 'version' in meters.transformer.dlt645 must be 2007 or"
                + " 1997, was '1998'; did you mean '1997'? the edition of DL/T 645 the meter speaks is on its nameplate or in its"
                + " manual (DL/T 645-1997 meters read with two-byte identifiers such as B630)");
    }

    @Test
    void aQuantityThe1997TableLacksIsNotAskedOfA1997Meter() {
        ConfigException e = org.assertj.core.api.Assertions.catchThrowableOfType(ConfigException.class,
                () -> ConfigLoader.parse("inline.yaml", withMeterAndBus(
                        "{ address: \"1\", version: 1997, quantities: [power.total.kw, frequency.hz] }",
                        "{ name: room-645, protocol: dlt645, serial: { port: /dev/ttyUSB1 } }"), DEVICES, Path.of(".")));
        assertThat(e.problems()).containsExactly("inline.yaml:7:101: DL/T 645 quantity 'frequency.hz' in"
                + " meters.transformer.dlt645 is not in the DL/T 645-1997 table, which a meter of that edition is read by; it"
                + " reads energy.import.kwh, energy.export.kwh, voltage.a.v, voltage.b.v, voltage.c.v, current.a.a, current.b.a,"
                + " current.c.a, power.total.kw, power.a.kw, power.b.kw, power.c.kw");
    }
    @Test
    void blockReadsAreAskedPerMeterAndABadValueIsOneLineAtIt() throws Exception {
        GatewayConfig c = ConfigLoader.parse("inline.yaml", withMeterAndBus("{ address: \"1\", blockReads: true }",
                "{ name: room-645, protocol: dlt645, serial: { port: /dev/ttyUSB1 } }"), DEVICES, Path.of("."));
        assertThat(c.transformerMeter().dlt645()).isEqualTo(new MeterConfig.Dlt645("000000000001", List.of(), 1,
                Dlt645Version.V2007, true));
        GatewayConfig off = ConfigLoader.parse("inline.yaml", withMeterAndBus("{ address: \"1\" }",
                "{ name: room-645, protocol: dlt645, serial: { port: /dev/ttyUSB1 } }"), DEVICES, Path.of("."));
        assertThat(off.transformerMeter().dlt645().blockReads()).isFalse();

        ConfigException bad = org.assertj.core.api.Assertions.catchThrowableOfType(ConfigException.class,
                () -> ConfigLoader.parse("inline.yaml", withMeterAndBus("{ address: \"1\", blockReads: yes }",
                        "{ name: room-645, protocol: dlt645, serial: { port: /dev/ttyUSB1 } }"), DEVICES, Path.of(".")));
        assertThat(bad.problems()).containsExactly("inline.yaml:7:69: 'blockReads' in meters.transformer.dlt645 must be"
                + " true or false, was 'yes'; true reads the meter's voltages, currents and powers a group in one exchange"
                + " where it can (docs/dlt645.md, \"Block reads\"), false one quantity at a time");

        ConfigException old = org.assertj.core.api.Assertions.catchThrowableOfType(ConfigException.class,
                () -> ConfigLoader.parse("inline.yaml", withMeterAndBus("{ address: \"1\", version: 1997, blockReads: true }",
                        "{ name: room-645, protocol: dlt645, serial: { port: /dev/ttyUSB1 } }"), DEVICES, Path.of(".")));
        assertThat(old.problems()).containsExactly("inline.yaml:7:84: 'blockReads' in meters.transformer.dlt645 is for"
                + " DL/T 645-2007 meters; this one speaks 1997, whose blocks (B61F ...) are not read: remove it");
    }

    /**
     * At 1200 baud (8E1, 9.17 ms a byte) a DL/T 645 serial bus's gap is at least two bytes' time, 19 ms: not given, the
     * default 10 is raised to it; given below it, one line at the key (dlt62: until 2026-12-07 a gap of 10 was taken, and
     * after a cut a reply at line speed whose reads came a little late was taken for one dripping). At 2400 baud the
     * default 10 is the least; a Modbus bus is not held to it.
     */
    @Test
    void aDlt645SerialBussGapIsAtLeastTwoBytesTimeAtItsBaud() throws Exception {
        GatewayConfig slow = ConfigLoader.parse("inline.yaml", withMeterAndBus("{ address: \"1\" }",
                "{ name: room-645, protocol: dlt645, serial: { port: /dev/ttyUSB1, baud: 1200 } }"), DEVICES, Path.of("."));
        assertThat(slow.bus("room-645").gapMs()).isEqualTo(19);
        GatewayConfig given = ConfigLoader.parse("inline.yaml", withMeterAndBus("{ address: \"1\" }",
                "{ name: room-645, protocol: dlt645, serial: { port: /dev/ttyUSB1, baud: 1200 }, timing: { gapMs: 19 } }"),
                DEVICES, Path.of("."));
        assertThat(given.bus("room-645").gapMs()).isEqualTo(19);
        GatewayConfig standard = ConfigLoader.parse("inline.yaml", withMeterAndBus("{ address: \"1\" }",
                "{ name: room-645, protocol: dlt645, serial: { port: /dev/ttyUSB1 } }"), DEVICES, Path.of("."));
        assertThat(standard.bus("room-645").gapMs()).isEqualTo(10);

        ConfigException e = org.assertj.core.api.Assertions.catchThrowableOfType(ConfigException.class,
                () -> ConfigLoader.parse("inline.yaml", withMeterAndBus("{ address: \"1\" }",
                        "{ name: room-645, protocol: dlt645, serial: { port: /dev/ttyUSB1, baud: 1200 }, timing: { gapMs: 10 } }"),
                        DEVICES, Path.of(".")));
        assertThat(e.problems()).containsExactly("inline.yaml:9:102: 'gapMs' in buses[0].timing is 10, less than two bytes'"
                + " time on the DL/T 645 line at 1200 baud (11 bits a byte, 9.2 ms each): at least 19 there, or a reply at"
                + " line speed is taken for one dripping and the whole timeout waited after it (docs/dlt645.md)");
    }
}
