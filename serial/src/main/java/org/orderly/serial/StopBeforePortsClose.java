package org.orderly.serial;

import com.fazecast.jSerialComm.SerialPort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A program's stop on SIGTERM (its JVM shutdown hook), run before jSerialComm closes the serial ports. jSerialComm
 * 2.11.4 has a shutdown hook of its own that closes every port still open, and the JVM starts all hooks at once: it
 * closed a bus's port while the program's stop was still closing what started after the pollers, and the DL/T 645 line,
 * its read failed, opened the port again to read on (a WARN on a pseudo-terminal, which refuses parity once set: error
 * 22), a moment before its own stop came. jSerialComm runs the hooks given to {@link SerialPort#addShutdownHook} first,
 * each to its end, and only then closes the ports: so the program's lines close their own ports, the way they do at any
 * stop.
 */
public final class StopBeforePortsClose {
    private static final Logger LOG = LoggerFactory.getLogger(StopBeforePortsClose.class);

    private StopBeforePortsClose() {
    }

    /** Installs {@code stop} as a shutdown hook that runs before jSerialComm's closes the ports. */
    public static void install(Thread stop) {
        try {
            SerialPort.addShutdownHook(stop);
        } catch (LinkageError noNativeLibrary) {
            // jSerialComm's native part did not load here: no serial port opens either, so there is none to close
            // first.
            LOG.info("serial ports unavailable ({}); the stop runs as a plain shutdown hook", noNativeLibrary.toString());
            Runtime.getRuntime().addShutdownHook(stop);
        }
    }
}
