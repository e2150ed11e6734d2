package org.orderly.gateway.field;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import java.util.Optional;
import java.util.OptionalInt;
import org.orderly.serial.SerialPortOpening;

/**
 * Whether a serial port opens, asked of jSerialComm directly, which gives the operating system's error number. j2mod
 * opens its ports through jSerialComm too but keeps the number to itself: its failure says only {@code Port [PORT]
 * cannot be opened after [3] attempts - valid ports are: [...]}, the same for a file, a port in use and one not
 * permitted.
 */
public final class SerialPortCheck {
    private SerialPortCheck() {
    }

    /**
     * Opens {@code port} and closes it again at once; empty when it opened, or when nothing is at its path (which is
     * said otherwise: no serial port there), else why the operating system would not open it.
     */
    public static Optional<SerialPortNotOpened> notOpened(String port) {
        SerialPort p;
        try {
            p = SerialPort.getCommPort(port);
        } catch (SerialPortInvalidPortException nothingThere) {
            return Optional.empty();
        }
        OptionalInt error = SerialPortOpening.open(p);
        if (error.isEmpty()) {
            p.closePort();
            return Optional.empty();
        }
        return Optional.of(new SerialPortNotOpened(port, error.getAsInt()));
    }
}
