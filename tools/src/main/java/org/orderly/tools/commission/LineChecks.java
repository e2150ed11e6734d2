package org.orderly.tools.commission;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.orderly.gateway.field.SerialPortCheck;
import org.orderly.gateway.field.SerialPortMissing;
import org.orderly.gateway.field.SerialPortNotOpened;
import org.orderly.gateway.field.modbus.BusEndpoint;
import org.orderly.gateway.field.TimeoutBound;

/**
 * The line settings a commissioning command was given, checked before any port is opened: a wrong one is bad input
 * ({@link IllegalArgumentException}, so one line and exit 2), not a timeout or "garbled replies" from a line that was
 * never set up as asked. The ranges are the configuration's (buses[] in docs/operations.md).
 */
final class LineChecks {
    static final Set<Integer> BAUDS = Set.of(1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200);
    static final List<String> PARITIES = List.of("none", "even", "odd");

    private LineChecks() {
    }

    /** {@code text} as a whole number, or bad input naming {@code option}. */
    static int wholeNumber(String option, String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a whole number, was '" + text + "'");
        }
    }

    static void baud(int baud) {
        if (!BAUDS.contains(baud)) {
            throw new IllegalArgumentException("--baud " + baud + " is not a standard rate; use one of "
                    + BAUDS.stream().sorted().map(String::valueOf).collect(Collectors.joining(", ")));
        }
    }

    /**
     * The parity in the words the drivers take ({@code none}, {@code even}, {@code odd}), from any case: a meter's
     * manual or display writes {@code Even} or {@code EVEN}, and picocli, which would take an enum's values in any
     * case, does not see this text as one.
     */
    static String parity(String parity) {
        String word = parity.toLowerCase(Locale.ROOT);
        if (!PARITIES.contains(word)) {
            throw new IllegalArgumentException("--parity must be none, even or odd (in any case), was '" + parity + "'");
        }
        return word;
    }

    static void stopBits(int stopBits) {
        if (stopBits != 1 && stopBits != 2) {
            throw new IllegalArgumentException("--stop-bits must be 1 or 2, was " + stopBits);
        }
    }

    static void tcpPort(int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("--tcp-port must be 1..65535, was " + port);
        }
    }

    /**
     * {@code HOST:PORT} (an IPv6 host in brackets, {@code [fd00::21]:8899}) as {@code option} takes it, or bad input
     * naming the option and the value: a converter has no standard port, so the port is required.
     */
    static BusEndpoint.Tcp hostAndPort(String option, String text) {
        int colon = text.lastIndexOf(':');
        String host = colon < 0 ? "" : text.substring(0, colon).strip();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = -1;
        try {
            port = colon < 0 ? -1 : Integer.parseInt(text.substring(colon + 1).strip());
        } catch (NumberFormatException notANumber) {
            // port stays -1: said below with the rest of the shape
        }
        if (host.isEmpty() || host.contains(":") && !text.startsWith("[") || port < 1 || port > 65535) {
            throw new IllegalArgumentException(option + " must be HOST:PORT, the converter's address and its TCP server port "
                    + "1..65535 (e.g. 192.168.10.21:8899), was '" + text + "'");
        }
        return new BusEndpoint.Tcp(host, port);
    }

    static void waitS(int s) {
        if (s < 1 || s > 600) {
            throw new IllegalArgumentException("--wait-s must be 1..600, was " + s);
        }
    }

    static void timeoutMs(int ms) {
        timeoutMs("--timeout-ms", ms);
    }

    static void timeoutMs(String option, int ms) {
        if (ms < 1 || ms > TimeoutBound.MOST_MS) {
            throw new IllegalArgumentException(option + " must be 1.." + TimeoutBound.MOST_MS + ", was " + ms);
        }
    }

    /**
     * Empty when something is at the serial port's path (jSerialComm also takes a bare name under /dev); else the one
     * line that says nothing is, and what to check. A missing adapter is a device that failed (exit 1), not bad input:
     * the same command works once it is plugged in.
     */
    static Optional<String> serialPortMissing(String port) {
        return serialPortMissing(port, "--port");
    }

    /** As above, for a port set by {@code setting} (an option, or where the configuration names it). */
    static Optional<String> serialPortMissing(String port, String setting) {
        return SerialPortMissing.at(port).map(missing -> missing.advice(setting));
    }

    /**
     * The one line for a serial port that is there (see {@link #serialPortMissing}) but that the operating system would
     * not open, for a command run by this user: no serial device at that path, one this user may not open, or one
     * another program holds, the gateway service most often.
     */
    static String serialPortNotOpened(SerialPortNotOpened e, String setting) {
        return e.advice(setting, "this user", "the gateway service: stop it");
    }

    /**
     * Empty when something is at the serial port's path and it opens; else the one line that says which it is not, and
     * what to check ({@link #serialPortMissing}, {@link #serialPortNotOpened}). The port is opened and closed again at
     * once: j2mod, which opens it for the Modbus commands, keeps the operating system's reason to itself, and a port
     * that will not open is said before anything is printed or waited for.
     */
    static Optional<String> serialPortUnusable(String port, String setting) {
        Optional<String> missing = serialPortMissing(port, setting);
        if (missing.isPresent()) {
            return missing;
        }
        return SerialPortCheck.notOpened(port).map(e -> serialPortNotOpened(e, setting));
    }

    /**
     * Empty when {@code host} (a name or an address) resolves; else the one line that says it does not, and what to
     * check. A bridge's name that does not resolve is a device not reached (exit 1), as a missing serial port is: not
     * silence taken for a bridge that speaks DTLS only, nor a stack trace at each sending.
     *
     * @param setting where the host is set: an option, or where the configuration names it
     */
    static Optional<String> hostUnresolved(String host, String setting) {
        try {
            InetAddress.getByName(host);
            return Optional.empty();
        } catch (UnknownHostException e) {
            return Optional.of("the host name " + host + " does not resolve (" + e.getMessage() + "); check " + setting
                    + " (a typo, or a name that neither DNS nor /etc/hosts knows: give its IP address)");
        }
    }
}
