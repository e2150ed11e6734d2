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
    /** How many bytes of a reply are kept ({@link #replySoFar}): a Modbus RTU frame's most. */
    static final int REPLY_KEPT = 256;
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
     * tenths of a second), or {@code boundMillis} have passed, whichever is first; once {@code end} says the cut reply
     * has ended, until nothing has come for {@code afterEndMillis} (the line's silence between frames) instead. Then
     * the port waits for each read as before ({@link QuietWait}). A port not open discards nothing.
     */
    public synchronized InputDiscarded discardUntilQuiet(int quietMillis, long boundMillis, QuietWait.ReplyEnd end,
                                                         int afterEndMillis) {
        if (!connection.isOpen()) {
            return new InputDiscarded(0, false);
        }
        int[] portWait = {-1};
        try {
            // Semi-blocking: a read returns as soon as a byte has come, and with none once the line was quiet that long
            return QuietWait.discard((buffer, wait) -> {
                if (wait != portWait[0]) {
                    connection.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, Math.max(1, wait), 0);
                    portWait[0] = wait;
                }
                return connection.readBytes(buffer, buffer.length);
            }, new QuietWait.Quiet(quietMillis, 0, boundMillis, end, afterEndMillis));
        } finally {
            connection.setTimeout(timeout); // j2mod's own blocking reads, each waiting the request's timeout
        }
    }

    /**
     * The bytes read since the last request was written, up to {@value #REPLY_KEPT}: what had come of a reply its
     * exchange's deadline cut ({@link RtuReplyEnd}). From the owner's thread, after the request.
     */
    public byte[] replySoFar() {
        return connection.replySoFar();
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
        /** The bytes read since the last write, the first {@link #REPLY_KEPT} of them, and how many. */
        private final byte[] afterWrite = new byte[REPLY_KEPT];
        private volatile int afterWriteCount;

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
            afterWriteCount = 0;
            return super.writeBytes(buffer, bytesToWrite);
        }

        @Override
        public int readBytes(byte[] buffer, int bytesToRead) {
            int n = super.readBytes(buffer, bytesToRead);
            if (n > 0 && firstAfterWrite < 0) {
                firstAfterWrite = buffer[0] & 0xFF;
            }
            if (n > 0) {
                int kept = Math.min(n, REPLY_KEPT - afterWriteCount);
                System.arraycopy(buffer, 0, afterWrite, afterWriteCount, kept);
                afterWriteCount += kept;
            }
            return n;
        }

        byte[] replySoFar() {
            return java.util.Arrays.copyOf(afterWrite, afterWriteCount);
        }

        OptionalInt replyBegan() {
            int first = firstAfterWrite;
            return first < 0 ? OptionalInt.empty() : OptionalInt.of(first);
        }
    }
}
