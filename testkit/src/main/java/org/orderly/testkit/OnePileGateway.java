package org.orderly.testkit;

import java.io.IOException;

/**
 * The smallest configuration a gateway starts on, for tests of its start, stop and store: one plain CoAP pile, a
 * Modbus TCP transformer meter that need not answer (a 100 ms timeout, no retries), one price all day. A test adds its
 * own {@code store:} and {@code web:} lines.
 */
public final class OnePileGateway {
    private OnePileGateway() {
    }

    /** With the pile and the meter on ports free a moment ago, and a 200 ms control period. */
    public static String yaml(String gatewayId) throws IOException {
        return yaml(gatewayId, LoopbackPorts.free(), LoopbackPorts.free(), 200);
    }

    /** With the pile's CoAP port, the meter's Modbus TCP port and the control period given. */
    public static String yaml(String gatewayId, int coapPort, int modbusPort, int periodMs) {
        return """
                gatewayId: %s
                compound:
                  transformer: { limitKw: 40, phaseVoltageV: 230 }
                  piles:
                    - { id: p1, phase: A, maxA: 16, driver: { coap: { host: 127.0.0.1, port: %d, plain: true } } }
                meters:
                  transformer: { bus: room, unit: 1, map: eastron-sdm630 }
                buses:
                  - { name: room, tcp: { host: 127.0.0.1, port: %d }, timing: { timeoutMs: 100, retries: 0 } }
                tariff:
                  periods: [ { from: "00:00", to: "24:00", price: 0.5 } ]
                control: { periodMs: %d }
                """.formatted(gatewayId, coapPort, modbusPort, periodMs);
    }
}
