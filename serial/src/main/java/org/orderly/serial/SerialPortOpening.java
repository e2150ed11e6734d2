package org.orderly.serial;

import com.fazecast.jSerialComm.SerialPort;
import java.io.IOException;
import java.util.OptionalInt;

/**
 * The serial port opens of an orderly program (the gateway's, the firmware-bridge's), one at a time. jSerialComm 2.11.4
 * keeps the error of a failed open in one number for the whole JVM: a port object that did not open has no handle, and
 * its {@code getLastErrorCode} reads the library's last error, which another port's failed open, on another bus's
 * thread, may have set meanwhile (two ports failing at once were told each other's reason: the gateway's
 * ConcurrentOpenErrorTest). So every open, with its reading of that number, and j2mod's opens (whose failures set it
 * too) are made under one lock. An open that fails at once takes a moment; j2mod's tries three times 100 ms apart,
 * which another bus's open then waits for.
 */
public final class SerialPortOpening {
    private static final Object ONE_AT_A_TIME = new Object();

    private SerialPortOpening() {
    }

    /** Opens {@code port}: empty when it opened, else the operating system's error number for this open. */
    public static OptionalInt open(SerialPort port) {
        synchronized (ONE_AT_A_TIME) {
            return port.openPort() ? OptionalInt.empty() : OptionalInt.of(port.getLastErrorCode());
        }
    }

    /** An open made by another library (j2mod's), under the same lock. */
    public static void run(Open open) throws IOException {
        synchronized (ONE_AT_A_TIME) {
            open.run();
        }
    }

    /** An open that may fail. */
    @FunctionalInterface
    public interface Open {
        void run() throws IOException;
    }
}
