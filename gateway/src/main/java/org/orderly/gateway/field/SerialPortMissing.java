package org.orderly.gateway.field;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A serial port's path with nothing at it: the RS-485 adapter unplugged, or named otherwise. jSerialComm's word for it
 * ({@code Unable to create a serial port object from the invalid port descriptor}) says neither. Every place that opens
 * a serial port says it in the words of {@link #advice}.
 */
public final class SerialPortMissing extends IOException {

    public SerialPortMissing(String port) {
        super("no serial port " + port + ": nothing is at that path");
    }

    /** Empty when something is at {@code port}'s path (jSerialComm also takes a bare name under /dev). */
    public static Optional<SerialPortMissing> at(String port) {
        if (Files.exists(Path.of(port)) || (!port.contains("/") && Files.exists(Path.of("/dev", port)))) {
            return Optional.empty();
        }
        return Optional.of(new SerialPortMissing(port));
    }

    /** The one line: what, where, and what to check; {@code setting} is where the port is set. */
    public String advice(String setting) {
        return getMessage() + "; check " + setting + " (the RS-485 adapter unplugged, or another name: ls /dev/ttyUSB* "
                + "/dev/ttyAMA* /dev/serial/by-id/ lists the serial ports)";
    }

    /** {@link #advice} for bus {@code bus} of the running gateway. */
    public String adviceForBus(String bus) {
        return advice("the port of bus '" + bus + "' in the configuration");
    }

    /** The missing port behind {@code error}, if that is what it is. */
    public static Optional<SerialPortMissing> in(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SerialPortMissing m) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
