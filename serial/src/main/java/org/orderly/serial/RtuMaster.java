package org.orderly.serial;

import com.fazecast.jSerialComm.SerialPort;
import com.ghgande.j2mod.modbus.Modbus;
import com.ghgande.j2mod.modbus.facade.AbstractModbusMaster;
import com.ghgande.j2mod.modbus.io.AbstractModbusTransport;
import com.ghgande.j2mod.modbus.net.SerialConnection;
import com.ghgande.j2mod.modbus.util.SerialParameters;
import java.io.IOException;
import java.util.OptionalInt;

/**
 * j2mod's serial master (as {@code ModbusSerialMaster} of 3.3.0) over a port that is opened once and never reopened. A
 * port's path is resolved to a device when jSerialComm makes its port object ({@code SerialPort.getCommPort} follows a
 * symlink such as /dev/serial/by-id/... then), and j2mod's {@code SerialConnection} keeps that object: when its
 * disconnection listener has closed it (the adapter pulled out), j2mod's transport opens the same object again at the
 * next request, that is the device number it was made for, which the kernel may since have given another adapter
 * (another bus, or a pile's), while the configured path names another device or none. Here that reopen is refused (a
 * failed request); the owner (the gateway's ModbusConnection, the firmware-bridge's MeterLink) drops a master whose
 * port was closed under it ({@link #isConnected} false) and makes a new one, which resolves the path afresh.
 */
public final class RtuMaster extends AbstractModbusMaster {
    private final OpenedOnce connection;

    /**
     * A master speaking Modbus RTU (no echo) on {@code port} with these line settings, {@code parity} "none", "even" or
     * "odd" (as j2mod's {@code SerialParameters} takes it); the port opened at the first request.
     */
    public static RtuMaster onPort(String port, int baud, int dataBits, String parity, int stopBits, int timeoutMillis) {
        SerialParameters p = new SerialParameters();
        p.setPortName(port);
        p.setBaudRate(baud);
        p.setDatabits(dataBits);
        p.setParity(parity);
        p.setStopbits(stopBits);
        p.setEncoding(Modbus.SERIAL_ENCODING_RTU);
        p.setEcho(false);
        return new RtuMaster(p, timeoutMillis);
    }

    public RtuMaster(SerialParameters parameters, int timeoutMillis) {
        connection = new OpenedOnce(parameters);
        connection.setTimeout(timeoutMillis);
        timeout = timeoutMillis;
    }

    @Override
    public synchronized void connect() throws Exception {
        if (!connection.isOpen()) {
            connection.open();
            setTransaction(connection.getModbusTransport().createTransaction());
        }
    }

    @Override
    public synchronized void disconnect() {
        if (connection.isOpen()) {
            connection.close();
            setTransaction(null);
        }
    }

    @Override
    public synchronized void setTimeout(int timeout) {
        super.setTimeout(timeout);
        connection.setTimeout(timeout);
    }

    @Override
    public AbstractModbusTransport getTransport() {
        return connection.getModbusTransport();
    }

    /**
     * Reads and throws away what comes on the port until nothing has come for {@code quietMillis} (the port waits in
     * tenths of a second), or {@code boundMillis} have passed, whichever is first: the port's wait is not cut at the
     * bound, so the last read may end up to a quiet past it, and its none then is a quiet ({@link QuietWait}). Then the
     * port waits for each read as before. A port not open discards nothing.
     */
    public synchronized InputDiscarded discardUntilQuiet(int quietMillis, long boundMillis) {
        if (!connection.isOpen()) {
            return new InputDiscarded(0, false);
        }
        // Semi-blocking: a read returns as soon as a byte has come, and with none once the line was quiet that long
        connection.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, quietMillis, 0);
        try {
            return QuietWait.discard((buffer, wait) -> connection.readBytes(buffer, buffer.length), quietMillis, boundMillis);
        } finally {
            connection.setTimeout(timeout); // j2mod's own blocking reads, each waiting the request's timeout
        }
    }

    /**
     * The first byte read since the last request was written, the reply's unit address if it is one: empty when nothing
     * came. A reply begins with the address of the unit that sends it, so bytes that begin with another's are not the
     * unit asked answering (a late reply of a unit asked before, still coming down the line). From the owner's thread,
     * after the request, also when it failed or was cut.
     */
    public OptionalInt replyBegan() {
        return connection.replyBegan();
    }

    /** Whether the port is open: false once j2mod's disconnection listener has closed it, and for good then. */
    @Override
    public boolean isConnected() {
        return connection.isOpen();
    }

    /**
     * j2mod's serial connection, which its transport asks to open before each request: only the first open opens. It
     * keeps the first byte read after each request written ({@link #replyBegan}), which j2mod's transport does not tell.
     */
    private static final class OpenedOnce extends SerialConnection {
        private final String path;
        private boolean opened;
        /** The first byte read since the last write, -1 while none came. j2mod reads and writes on the owner's thread. */
        private volatile int firstAfterWrite = -1;

        OpenedOnce(SerialParameters parameters) {
            super(parameters);
            this.path = parameters.getPortName();
        }

        @Override
        public synchronized void open() throws IOException {
            if (opened) {
                throw new IOException("serial port " + path + " closed under its master (the adapter pulled out?) is not "
                        + "reopened: the device it was opened on may since be another's; a new master opens the path afresh");
            }
            opened = true;
            SerialPortOpening.run(super::open); // its failures set jSerialComm's one error number for the JVM
        }

        @Override
        public int writeBytes(byte[] buffer, int bytesToWrite) {
            firstAfterWrite = -1; // j2mod clears what came before a request first, then writes it
            return super.writeBytes(buffer, bytesToWrite);
        }

        @Override
        public int readBytes(byte[] buffer, int bytesToRead) {
            int n = super.readBytes(buffer, bytesToRead);
            if (n > 0 && firstAfterWrite < 0) {
                firstAfterWrite = buffer[0] & 0xFF;
            }
            return n;
        }

        OptionalInt replyBegan() {
            int first = firstAfterWrite;
            return first < 0 ? OptionalInt.empty() : OptionalInt.of(first);
        }
    }
}
