package org.orderly.gateway.field.modbus;

import java.time.Duration;

/** Where a bus is reached: a Modbus TCP socket or an RS-485 serial port speaking RTU. */
public sealed interface BusEndpoint {

    record Tcp(String host, int port) implements BusEndpoint {
        @Override
        public String toString() {
            return "tcp://" + host + ":" + port;
        }
    }

    /** @param parity "none", "even" or "odd" */
    record Serial(String port, int baud, String parity, int dataBits, int stopBits) implements BusEndpoint {

        /** One character's time on the wire: a start bit, the data bits, a parity bit unless none, the stop bits. */
        public Duration character() {
            int bits = 1 + dataBits + (parity.equals("none") ? 0 : 1) + stopBits;
            return Duration.ofNanos((long) Math.ceil(bits * 1e9 / baud));
        }

        @Override
        public String toString() {
            return "rtu:" + port + "@" + baud + "/" + parity;
        }
    }
}
