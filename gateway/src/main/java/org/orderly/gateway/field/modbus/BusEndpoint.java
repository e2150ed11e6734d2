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
        /** A Modbus RTU read request: unit, function, start address, count, CRC. */
        public static final int READ_REQUEST_BYTES = 8;
        /** A read's answer beside its registers: unit, function, byte count, CRC. */
        private static final int READ_ANSWER_BYTES = 5;
        /** A write's answer, to function 06 or 16: unit, function, address, value or count, CRC. */
        public static final int WRITE_ANSWER_BYTES = 8;

        /** The bytes of a Modbus RTU read's answer of {@code registers}. */
        public static int readAnswerBytes(int registers) {
            return READ_ANSWER_BYTES + 2 * registers;
        }

        /** One character's time on the wire: a start bit, the data bits, a parity bit unless none, the stop bits. */
        public Duration character() {
            int bits = 1 + dataBits + (parity.equals("none") ? 0 : 1) + stopBits;
            return Duration.ofNanos((long) Math.ceil(bits * 1e9 / baud));
        }

        /** A Modbus RTU read of {@code registers}: its request's frame and its answer's on the wire. */
        public Duration readOnWire(int registers) {
            return character().multipliedBy(READ_REQUEST_BYTES + readAnswerBytes(registers));
        }

        /**
         * A Modbus RTU write of one register: its request's frame and its answer's on the wire, the longer of function
         * 16's (an 11-byte request) and 06's (8 bytes), each answered in 8.
         */
        public Duration writeOnWire() {
            return character().multipliedBy(11 + WRITE_ANSWER_BYTES);
        }

        /** {@code time} on the wire in whole milliseconds, rounded up. */
        public static int wholeMillis(Duration time) {
            return Math.toIntExact(time.toMillis() + (time.toNanosPart() % 1_000_000 > 0 ? 1 : 0));
        }

        @Override
        public String toString() {
            return "rtu:" + port + "@" + baud + "/" + parity;
        }
    }
}
