package org.orderly.gateway.field;

import java.io.IOException;
import java.util.Optional;

/**
 * A serial port that is there but that the operating system would not open, with its error number (errno on Linux):
 * no serial device at that path, one this user may not open, or one another program holds (jSerialComm locks the ports
 * it opens, so a second program's open fails with EWOULDBLOCK, or EBUSY for another user). Every place that opens a
 * serial port (the commissioning commands, the gateway's buses) says it in the words of {@link #advice}.
 */
public final class SerialPortNotOpened extends IOException {
    /** Linux's EINVAL, which jSerialComm gives when the port opened but its settings could not be applied. */
    private static final int EINVAL = 22;
    private final String port;
    private final int errorCode;

    /** @param errorCode the operating system's error number, as jSerialComm gives it */
    public SerialPortNotOpened(String port, int errorCode) {
        super("serial port " + port + " is there but cannot be opened (error " + errorCode + meaning(errorCode) + ")");
        this.port = port;
        this.errorCode = errorCode;
    }

    public String port() {
        return port;
    }

    /** The operating system's error number, as jSerialComm gives it. */
    public int errorCode() {
        return errorCode;
    }

    /**
     * The one line: what (the message), where, and what to check.
     *
     * @param setting where the port is set: an option ({@code --port}), or the bus in the configuration
     * @param user    who opens it: {@code this user}, or the gateway's
     * @param holder  what else may hold it, and what to do about it
     */
    public String advice(String setting, String user, String holder) {
        if (errorCode == EINVAL) {
            // The port opened, but would not take the baud rate, parity or stop bits: neither the group nor another
            // program is the cause, so the line says what is. A pseudo-terminal (socat's, or a serial port carried over
            // the network to an RS-485 converter) has no parity: Linux's pty driver clears PARENB from whatever is set,
            // and glibc's tcsetattr says EINVAL only where nothing else of the request took. So a DL/T 645 line at 2400
            // even opens a fresh pty once, its speed set and its parity silently left out, and never again
            // (docs/dlt645.md, "Testing on a pseudo-terminal"; PtyParityTest). A USB adapter's driver keeps the parity.
            return getMessage() + "; check that " + setting + " names the RS-485 adapter (ls /dev/serial/by-id/ lists them) "
                    + "and that it takes the baud rate, parity and stop bits asked: a pseudo-terminal (socat, a serial port "
                    + "carried over the network) takes no parity (its first open goes through with the parity left out, "
                    + "every later one is refused so), so give it parity none (the converter at its far end keeps the "
                    + "meters' own)";
        }
        return getMessage() + "; check that " + setting + " names the RS-485 adapter (ls /dev/serial/by-id/ lists them), that "
                + user + " may open it (ls -l " + port + ": the dialout group) and that no other program holds it (" + holder + ")";
    }

    /**
     * {@link #advice} for bus {@code bus} of the running gateway, which is the service: what else may hold its port is
     * a commissioning command run meanwhile, or another gateway.
     */
    public String adviceForBus(String bus) {
        return advice("the port of bus '" + bus + "' in the configuration", "the gateway's user (orderly, for the service)",
                "a commissioning command such as orderly modbus scan, or a second gateway: let it end");
    }

    /** The port not opened behind {@code error}, if that is what it is. */
    public static Optional<SerialPortNotOpened> in(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SerialPortNotOpened n) {
                return Optional.of(n);
            }
        }
        return Optional.empty();
    }

    /** The error numbers an installer meets, in words (Linux's); the number alone for any other. */
    static String meaning(int errorCode) {
        return switch (errorCode) {
            case 1, 13 -> ": permission denied"; // EPERM (a device policy), EACCES (not in the dialout group)
            case 11, 16 -> ": in use"; // EWOULDBLOCK (another's lock), EBUSY (another user's exclusive open)
            case 6, 19 -> ": no device behind it"; // ENXIO, ENODEV: a node with no driver or adapter
            case 21 -> ": a directory"; // EISDIR
            case 25 -> ": not a serial device"; // ENOTTY: a file, /dev/null
            case EINVAL -> ": it would not take the line settings asked"; // tcsetattr refused baud rate, parity or stop bits
            default -> "";
        };
    }
}
