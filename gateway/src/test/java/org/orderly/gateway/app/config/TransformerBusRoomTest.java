package org.orderly.gateway.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The transformer meter's bus, when the configuration makes it certain that its reads leave a cycle no room for its
 * pile meters or serial Modbus piles (its frames' time on the wire at the bus's baud rate and the bus's gaps, before the
 * meter takes any time to answer; then the gap, the timeout and the gap a pile's request or pile meter's read needs), or
 * no room for themselves, is one of the configuration's warnings, at the meter's bus. chint-dtsu666 is read in 4
 * requests of 2, 2, 20 and 2 registers: 104 characters on the wire.
 */
class TransformerBusRoomTest {
    private static final Path DEVICES = Path.of("../config/devices");

    private static GatewayConfig load(String bus, String pileDriver, String pileMeters) throws ConfigException {
        String text = """
                gatewayId: g
                compound:
                  transformer: { limitKw: 400, phaseVoltageV: 230 }
                  piles:
                    - { id: p, phase: A, maxA: 16, driver: %s }
                meters:
                  transformer: { bus: b, unit: 1, map: chint-dtsu666 }
                  piles: %s
                buses:
                  - %s
                tariff:
                  periods: [ { from: "00:00", to: "24:00", price: 1 } ]
                """.formatted(pileDriver, pileMeters, bus);
        return ConfigLoader.parse("orderly.yaml", text, DEVICES, Path.of("/etc/orderly"));
    }

    private static final String MODBUS_PILE = "{ modbus: { bus: b, unit: 20, map: piles/generic-pile } }";
    private static final String COAP_PILE = "{ coap: { host: h, plain: true } }";

    @Test
    void aSerialBusTooSlowForTheTransformerReadsAndAPileRequestIsAWarningAtTheMetersBus() throws Exception {
        GatewayConfig c = load("{ name: b, serial: { port: /dev/ttyUSB0, baud: 2400 } }", MODBUS_PILE, "[]");

        // 104 characters of 10 bits at 2400 baud: 433 ms, and 3 gaps of 10 ms
        assertThat(c.warnings()).containsExactly("orderly.yaml:7:23: warning: bus 'b': of the gateway's 500 ms cycle (half"
                + " of control.periodMs 1000) the transformer meter's 4 requests take at least 463 ms (their frames at"
                + " 2400 baud and the 10 ms gaps between them, before the meter takes any time to answer), and a pile's"
                + " request or a pile meter's read is begun only with 320 ms left (the gap, the bus's 300 ms timeout, the"
                + " gap): none fits in a cycle's room, so the requests of its 1 Modbus pile wait 2000 ms each time,"
                + " then run ahead of the transformer read, which waits for them; give the transformer meter a bus of its"
                + " own, lower the bus's timing.timeoutMs, or raise control.periodMs");
    }

    @Test
    void transformerReadsLongerThanTheCycleAreAWarningWhateverElseIsOnTheBus() throws Exception {
        GatewayConfig c = load("{ name: b, serial: { port: /dev/ttyUSB0, baud: 1200 } }", COAP_PILE, "[]");

        assertThat(c.warnings()).containsExactly("orderly.yaml:7:23: warning: bus 'b': the transformer meter's 4"
                + " requests take at least 896 ms (their frames at 1200 baud and the 10 ms gaps between them, before the"
                + " meter takes any time to answer), more than the gateway's 500 ms cycle (half of control.periodMs 1000):"
                + " it cannot be read every cycle; raise the bus's baud rate (the meter's too), or control.periodMs");
    }

    @Test
    void aTcpBusWhoseTimeoutFillsTheCycleNeverReadsItsPileMeters() throws Exception {
        GatewayConfig c = load("{ name: b, tcp: { host: 127.0.0.1 }, timing: { timeoutMs: 600 } }", COAP_PILE,
                "[ { pile: p, bus: b, unit: 11, map: eastron-sdm120 } ]");

        // Over TCP a timeout past the cycle is also a silent transformer meter's late cycle (SilentTransformerMeterTest)
        assertThat(c.warnings()).hasSize(2).last().asString().contains("bus 'b': a silent transformer meter");
        assertThat(c.warnings()).first().asString().contains("bus 'b': of the gateway's 500 ms cycle (half of"
                + " control.periodMs 1000) the transformer meter's 4 requests take what the meter takes to answer,"
                + " and a pile's request or a pile meter's read is begun only with 600 ms left (the gap, the bus's"
                + " 600 ms timeout, the gap): none fits in a cycle's room, so its 1 pile meter is never read;");
    }

    @Test
    void whatMayFitIsNoWarning() throws Exception {
        // at 9600 baud the frames take 108 ms: with the gaps and a pile request's 320 ms, 458 of the 500 ms cycle
        assertThat(load("{ name: b, serial: { port: /dev/ttyUSB0, baud: 9600 } }", MODBUS_PILE,
                "[ { pile: p, bus: b, unit: 11, map: eastron-sdm120 } ]").warnings()).isEmpty();
        // nothing but the transformer meter on the bus: its 463 ms fit
        assertThat(load("{ name: b, serial: { port: /dev/ttyUSB0, baud: 2400 } }", COAP_PILE, "[]").warnings()).isEmpty();
    }
}
