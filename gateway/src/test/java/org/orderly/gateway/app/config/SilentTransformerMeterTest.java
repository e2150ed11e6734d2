package org.orderly.gateway.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A transformer meter's bus whose timeout, with the gap and the request's time on the wire, outlasts the gateway's
 * cycle is one of the configuration's warnings, at the meter's bus: each cycle the meter is silent ends late, and the
 * next transformer read with it. So is one where a meter sending its reply a byte at a time outlasts it, held until its
 * exchange is cut, 100 ms after the timeout and, on a serial bus, its frames (since 2026-12-07: until then 400 ms at
 * 9600 baud, or 500 ms over TCP, was no warning, and the advice to a longer timeout was 100 ms too long). The default
 * timing (300 ms, and a 10 ms gap on a serial bus) fits the default 500 ms cycle: no warning.
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
                + " up to 600 ms a cycle (the 0 ms gap, and the bus's 600 ms timeout), and one sending its reply a byte at a time"
                + " 700 ms or more, until its exchange is cut (the 0 ms gap, the timeout, and 100 ms), more than the gateway's"
                + " 500 ms cycle (half of control.periodMs 1000): each cycle it does not answer ends late, and the next"
                + " transformer read with it; lower the bus's timing.timeoutMs to at most 400, or raise control.periodMs");
    }

    @Test
    void onASerialBusTheTimeoutIsCountedInWholeTenthsWithTheGapAndTheRequestOnTheWire() throws Exception {
        // 450 ms is kept as 500 on a serial port; 8 characters of 10 bits at 9600 baud 9 ms; the 10 ms gap: 519 ms. Cut
        // at 500 ms, the 17 characters of the request and the reply of the map's first block (2 registers) 18 ms, and
        // 100 ms: 628 ms with the gap
        GatewayConfig c = load("{ name: b, serial: { port: /dev/ttyUSB0, baud: 9600 }, timing: { timeoutMs: 450 } }");

        assertThat(c.warnings()).containsExactly("orderly.yaml:7:23: warning: bus 'b': a silent transformer meter holds the bus"
                + " up to 519 ms a cycle (the 10 ms gap, its request's 8 bytes at 9600 baud 9 ms, and the bus's 450 ms timeout,"
                + " 500 ms on a serial port, which keeps it in tenths of a second), and one sending its reply a byte at a time"
                + " 628 ms or more, until its exchange is cut (the 10 ms gap, the timeout, its first request's and reply's frames"
                + " at 9600 baud 18 ms, and 100 ms), more than the gateway's 500 ms cycle (half of control.periodMs 1000): each"
                + " cycle it does not answer ends late, and the next transformer read with it; lower the bus's timing.timeoutMs"
                + " to at most 300, or raise control.periodMs");
    }

    @Test
    void aTimeoutThatFitsASilentMeterButNotOneDrippingItsReplyIsAWarning() throws Exception {
        GatewayConfig serial = load("{ name: b, serial: { port: /dev/ttyUSB0, baud: 9600 }, timing: { timeoutMs: 400 } }");
        GatewayConfig tcp = load("{ name: b, tcp: { host: 10.0.0.5 }, timing: { timeoutMs: 500 } }");

        assertThat(serial.warnings()).containsExactly("orderly.yaml:7:23: warning: bus 'b': a transformer meter sending its reply"
                + " a byte at a time holds the bus 528 ms or more, until its exchange is cut (the 10 ms gap, the timeout, its"
                + " first request's and reply's frames at 9600 baud 18 ms, and 100 ms), more than the gateway's 500 ms cycle"
                + " (half of control.periodMs 1000), which a silent one, up to 419 ms (the 10 ms gap, its request's 8 bytes at"
                + " 9600 baud 9 ms, and the bus's 400 ms timeout), fits: each cycle it drips ends late, and the next transformer"
                + " read with it; lower the bus's timing.timeoutMs to at most 300, or raise control.periodMs");
        assertThat(tcp.warnings()).singleElement().asString().contains("holds the bus 600 ms or more, until its exchange is cut"
                + " (the 0 ms gap, the timeout, and 100 ms)").endsWith("lower the bus's timing.timeoutMs to at most 400, or raise"
                + " control.periodMs");
    }

    @Test
    void theDefaultTimingFitsTheDefaultCycle() throws Exception {
        assertThat(load("{ name: b, serial: { port: /dev/ttyUSB0, baud: 9600 } }").warnings()).isEmpty();
        assertThat(load("{ name: b, serial: { port: /dev/ttyUSB0, baud: 2400 } }").warnings())
                .as("the 10 ms gap, 300 ms, and a dripping reply cut after its 71 ms frames and 100 ms").isEmpty();
        assertThat(load("{ name: b, tcp: { host: 10.0.0.5 }, timing: { timeoutMs: 400 } }").warnings()).isEmpty();
    }
}
