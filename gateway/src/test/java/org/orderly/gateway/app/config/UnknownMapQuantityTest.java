package org.orderly.gateway.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A meter map naming a quantity the gateway does not know (voltage.l1.v for voltage.a.v) is a warning at that name in
 * the map file: the gateway would read it and never use it. Not an error: a map may carry registers for the
 * installer's own {@code modbus read}.
 */
class UnknownMapQuantityTest {
    @TempDir
    Path devices;

    private static final String CONFIG = """
            gatewayId: g
            compound:
              transformer: { limitKw: 400, phaseVoltageV: 230 }
              piles:
                - { id: p, phase: A, maxA: 16, driver: { coap: { host: h, plain: true } } }
            meters:
              transformer: { bus: b, unit: 1, map: chint-dtsu666 }
              piles:
                - { pile: p, bus: b, unit: 2, map: chint-dtsu666 }
            buses:
              - { name: b, tcp: { host: 127.0.0.1 } }
            tariff:
              periods: [ { from: "00:00", to: "24:00", price: 1 } ]
            """;

    @Test
    void aQuantityTheGatewayDoesNotKnowIsOneWarningAtItsPlaceInTheMap() throws Exception {
        String shipped = Files.readString(Path.of("../config/devices/chint-dtsu666.yaml"));
        assertThat(shipped).contains("quantity: voltage.a.v");
        Path map = devices.resolve("chint-dtsu666.yaml");
        Files.writeString(map, shipped.replace("quantity: voltage.a.v", "quantity: voltage.l1.v"));
        int line = 1 + (int) shipped.substring(0, shipped.indexOf("quantity: voltage.a.v")).chars().filter(c -> c == '\n').count();
        int column = shipped.lines().toList().get(line - 1).indexOf("voltage.a.v") + 1;

        GatewayConfig c = ConfigLoader.parse("orderly.yaml", CONFIG, devices, Path.of("/etc/orderly"));

        assertThat(c.warnings()).containsExactly(map + ":" + line + ":" + column + ": warning: quantity 'voltage.l1.v'"
                + " is not one the gateway knows, so it reads it but never uses it (orderly modbus read shows it);"
                + " did you mean 'voltage.a.v'? known: power.total.kw, power.{a,b,c}.kw, current.{a,b,c}.a,"
                + " voltage.{a,b,c}.v, voltage.v, current.a, frequency.hz, energy.{import,export}.kwh,"
                + " energy.import.{a,b,c}.kwh (docs/register-maps.md)");
    }

    @Test
    void everyShippedMeterMapNamesOnlyKnownQuantities() throws Exception {
        GatewayConfig c = ConfigLoader.parse("orderly.yaml", CONFIG, Path.of("../config/devices"), Path.of("/etc/orderly"));

        assertThat(c.warnings()).isEmpty();
        for (String map : new String[] {"eastron-sdm630", "eastron-sdm120", "chint-ddsu666", "acrel-adl400", "generic"}) {
            assertThat(ConfigLoader.parse("orderly.yaml", CONFIG.replace("unit: 2, map: chint-dtsu666", "unit: 2, map: " + map),
                    Path.of("../config/devices"),
                    Path.of("/etc/orderly")).warnings()).as(map).isEmpty();
        }
    }

    @Test
    void everyQuantityReadFromADlt645MeterIsAKnownOne() {
        for (org.orderly.gateway.field.dlt645.DataId d : org.orderly.gateway.field.dlt645.DataId.values()) {
            assertThat(org.orderly.gateway.field.modbus.MeterQuantities.isKnown(d.quantity())).as(d.quantity()).isTrue();
        }
    }
}
