package org.orderly.gateway.field.dlt645;

import java.io.IOException;

/**
 * A serial port the operating system would not open, with its error number (errno on Linux): a port that is there but
 * is no serial device, that this user may not open, or that another program holds.
 */
public final class SerialPortNotOpened extends IOException {
    private final String port;
    private final int errorCode;

    SerialPortNotOpened(String port, int errorCode) {
        super("cannot open serial port " + port + " (missing, busy or not permitted; error " + errorCode + ")");
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
}
