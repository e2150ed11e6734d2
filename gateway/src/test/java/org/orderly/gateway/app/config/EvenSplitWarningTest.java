package org.orderly.gateway.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A transformer with a line limit whose meter reads no line is one of the configuration's warnings, at the setting the
 * installer must change (the meter's map, or its DL/T 645 quantities): each line's room then takes the households'
 * load as split evenly, which a line they load more than the others can exceed.
 */
class EvenSplitWarningTest {
    private static final Path DEVICES = Path.of("../config/devices");
    private static final String WHY = " reads neither each line's power (power.a.kw, power.b.kw, power.c.kw) nor each line's"
            + " current (current.a.a, current.b.a, current.c.a), so each line's room of phaseLimitA 600 A takes the"
            + " households' load as split evenly over A, B and C: a line they load more than the others can be"
            + " overloaded; read the lines to keep to each";

    private static GatewayConfig load(String transformer, String meter) throws ConfigException {
        String text = """
                gatewayId: g
                compound:
                  transformer: %s
                  piles:
                    - { id: p, phase: A, maxA: 16, driver: { coap: { host: h, plain: true } } }
                meters:
                  transformer: %s
                buses:
                  - %s
                tariff:
                  periods: [ { from: "00:00", to: "24:00", price: 1 } ]
                """.formatted(transformer, meter, meter.contains("b645")
                // The meter's bus only: a bus with nothing on it is a warning of its own.
                ? "{ name: b645, protocol: dlt645, serial: { port: /dev/ttyUSB1 } }" : "{ name: b, tcp: { host: 127.0.0.1 } }");
        return ConfigLoader.parse("orderly.yaml", text, DEVICES, Path.of("/etc/orderly"));
    }

    @Test
    void aModbusMeterWhoseMapReadsNoLineIsAWarningAtItsMap() throws Exception {
        GatewayConfig c = load("{ limitKw: 400, phaseLimitA: 600, phaseVoltageV: 230 }",
                "{ bus: b, unit: 1, map: generic }");

        assertThat(c.warnings()).containsExactly(
                "orderly.yaml:7:40: warning: transformer meter 'transformer' (map 'generic')" + WHY);
    }

    @Test
    void aDlt645MeterWhoseQuantitiesReadNoLineIsAWarningAtItsQuantities() throws Exception {
        GatewayConfig c = load("{ limitKw: 400, phaseLimitA: 600, phaseVoltageV: 230 }",
                "{ bus: b645, dlt645: { address: \"1\", quantities: [power.total.kw] } }");

        assertThat(c.warnings()).containsExactly(
                "orderly.yaml:7:65: warning: transformer meter 'transformer' (DL/T 645)" + WHY);
    }

    @Test
    void aMeterThatReadsTheLinesOrATransformerWithoutALineLimitIsNoWarning() throws Exception {
        assertThat(load("{ limitKw: 400, phaseLimitA: 600, phaseVoltageV: 230 }",
                "{ bus: b, unit: 1, map: chint-dtsu666 }").warnings()).isEmpty();
        assertThat(load("{ limitKw: 400, phaseLimitA: 600, phaseVoltageV: 230 }",
                "{ bus: b645, dlt645: { address: \"1\" } }").warnings()).isEmpty();
        assertThat(load("{ limitKw: 400, phaseLimitA: 600, phaseVoltageV: 230 }",
                "{ bus: b645, dlt645: { address: \"1\", quantities: [power.total.kw, power.a.kw, power.b.kw, power.c.kw] } }")
                .warnings()).isEmpty();
        assertThat(load("{ limitKw: 400, phaseVoltageV: 230 }", "{ bus: b, unit: 1, map: generic }").warnings()).isEmpty();
    }
}
