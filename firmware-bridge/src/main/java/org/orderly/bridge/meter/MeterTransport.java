package org.orderly.bridge.meter;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/** Where the pile's meter is reached: Modbus TCP, or Modbus RTU on a serial (RS-485) device. */
public sealed interface MeterTransport {

    /** Modbus TCP to {@code host:port}. */
    record Tcp(String host, int port) implements MeterTransport {
        public Tcp {
            Objects.requireNonNull(host, "host");
            if (host.isBlank()) {
                throw new IllegalArgumentException("--meter-tcp :" + port + ": no host");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("--meter-tcp " + host + ":" + port + ": port must be within 1..65535");
            }
        }

        @Override
        public String toString() {
            return "tcp://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }

    /** Modbus RTU on {@code device} at {@code baud}, 8 data bits, {@code parity}, {@code stopBits} (1 or 2). */
    record Serial(String device, int baud, Parity parity, int stopBits) implements MeterTransport {
        public Serial {
            Objects.requireNonNull(device, "device");
            Objects.requireNonNull(parity, "parity");
            if (device.isBlank()) {
                throw new IllegalArgumentException("--meter-serial: no device");
            }
            if (baud <= 0) {
                throw new IllegalArgumentException("--meter-baud " + baud + ": must be > 0");
            }
            if (stopBits != 1 && stopBits != 2) {
                throw new IllegalArgumentException("--meter-stop-bits " + stopBits + ": must be 1 or 2");
            }
        }

        /** How long {@code chars} characters take on the line: a start bit, 8 data bits, the parity bit, the stop bits. */
        public Duration onTheLine(int chars) {
            int bits = 1 + 8 + (parity == Parity.NONE ? 0 : 1) + stopBits;
            return Duration.ofNanos(((long) chars * bits * 1_000_000_000L + baud - 1) / baud);
        }

        @Override
        public String toString() {
            return "rtu:" + device + "@" + baud + "/8" + parity.letter() + stopBits;
        }
    }

    /** Serial parity. */
    enum Parity {
        NONE('N'), EVEN('E'), ODD('O');

        private final char letter;

        Parity(char letter) {
            this.letter = letter;
        }

        /** {@code none}, {@code even} or {@code odd}, as {@code --meter-parity} takes it (any case). */
        public static Parity parse(String option) {
            for (Parity parity : values()) {
                if (parity.option().equalsIgnoreCase(option)) {
                    return parity;
                }
            }
            throw new IllegalArgumentException("--meter-parity " + option + ": expected none, even or odd");
        }

        /** The name j2mod and {@code --meter-parity} use. */
        public String option() {
            return name().toLowerCase(Locale.ROOT);
        }

        char letter() {
            return letter;
        }
    }

    /** {@code HOST:PORT} as {@code --meter-tcp} takes it; an IPv6 host in brackets, {@code [::1]:502}. */
    static Tcp tcp(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon < 0 || colon == hostPort.length() - 1) {
            throw new IllegalArgumentException("--meter-tcp " + hostPort + ": expected HOST:PORT");
        }
        String host = hostPort.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(hostPort.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--meter-tcp " + hostPort + ": expected HOST:PORT", e);
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("--meter-tcp " + hostPort + ": port must be within 1..65535");
        }
        return new Tcp(host, port);
    }
}
