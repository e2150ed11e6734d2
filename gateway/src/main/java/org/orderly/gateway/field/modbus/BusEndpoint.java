package org.orderly.gateway.field.modbus;

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
        @Override
        public String toString() {
            return "rtu:" + port + "@" + baud + "/" + parity;
        }
    }
}
