package org.orderly.gateway.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A transformer meter's bus whose timeout, with the gap and the request's time on the wire, outlasts the gateway's
 * cycle is one of the configuration's warnings, at the meter's bus: each cycle the meter is silent ends late, and the
 * next transformer read with it. The default timing (300 ms, and a 10 ms gap on a serial bus) fits the default 500 ms
 * cycle: no warning.
 */
class SilentTransformerMeterTest {
    private static final Path DEVICES = Path.of("../config/devices");

    private static GatewayConfig load(String bus) throws ConfigException {
        String text = """
                gatewayId: g
                compound:
                  transformer: { limitKw: 400, phaseVoltageV: 230 }
                  piles:
                    - { id: p, phase: A, maxA: 16, driver: { coap: { host: h, plain: true } } }
                meters:
                  transformer: { bus: b, unit: 1, map: chint-dtsu666 }
                buses:
                  - %s
                tariff:
                  periods: [ { from: "00:00", to: "24:00", price: 1 } ]
                """.formatted(bus);
        return ConfigLoader.parse("orderly.yaml", text, DEVICES, Path.of("/etc/orderly"));
    }

    @Test
    void aTcpTimeoutLongerThanTheCycleIsAWarningAtTheMetersBus() throws Exception {
        GatewayConfig c = load("{ name: b, tcp: { host: 10.0.0.5 }, timing: { timeoutMs: 600 } }");

        assertThat(c.warnings()).containsExactly("orderly.yaml:7:23: warning: bus 'b': a silent transformer meter holds the bus"
                + " up to 600 ms a cycle (the 0 ms gap, and the bus's 600 ms timeout), more than the gateway's 500 ms cycle"
                + " (half of control.periodMs 1000): each cycle it does not answer ends late, and the next transformer read"
                + " with it; lower the bus's timing.timeoutMs to at most 500, or raise control.periodMs");
    }

    @Test
    void onASerialBusTheTimeoutIsCountedInWholeTenthsWithTheGapAndTheRequestOnTheWire() throws Exception {
        // 450 ms is kept as 500 on a serial port; 8 characters of 10 bits at 9600 baud 9 ms; the 10 ms gap: 519 ms
        GatewayConfig c = load("{ name: b, serial: { port: /dev/ttyUSB0, baud: 9600 }, timing: { timeoutMs: 450 } }");

        assertThat(c.warnings()).containsExactly("orderly.yaml:7:23: warning: bus 'b': a silent transformer meter holds the bus"
                + " up to 519 ms a cycle (the 10 ms gap, its request's 8 bytes at 9600 baud 9 ms, and the bus's 450 ms timeout,"
                + " 500 ms on a serial port, which keeps it in tenths of a second), more than the gateway's 500 ms cycle (half"
                + " of control.periodMs 1000): each cycle it does not answer ends late, and the next transformer read with it;"
                + " lower the bus's timing.timeoutMs to at most 400, or raise control.periodMs");
    }

    @Test
    void theDefaultTimingFitsTheDefaultCycle() throws Exception {
        assertThat(load("{ name: b, serial: { port: /dev/ttyUSB0, baud: 9600 } }").warnings()).isEmpty();
        assertThat(load("{ name: b, serial: { port: /dev/ttyUSB0, baud: 9600 }, timing: { timeoutMs: 400 } }").warnings())
                .as("400 ms, the 10 ms gap and 9 ms on the wire").isEmpty();
        assertThat(load("{ name: b, tcp: { host: 10.0.0.5 }, timing: { timeoutMs: 500 } }").warnings()).isEmpty();
    }
}
