package org.orderly.gateway.field.dlt645;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import org.orderly.gateway.field.SerialPortClose;
import org.orderly.gateway.field.SerialPortMissing;
import org.orderly.gateway.field.SerialPortNotOpened;
import org.orderly.gateway.field.modbus.BusEndpoint;
import org.orderly.serial.SerialPortOpening;

/** A {@link SerialLine} on a serial port through jSerialComm (the library j2mod uses for Modbus RTU). */
public final class JSerialCommLine implements SerialLine {
    private final SerialPort port;
    private final String path;
    private final String name;
    private final Duration byteTime;

    private JSerialCommLine(SerialPort port, String path, String name, Duration byteTime) {
        this.port = port;
        this.path = path;
        this.name = name;
        this.byteTime = byteTime;
    }

    /**
     * Opens {@code endpoint}'s port with its baud rate, parity, data and stop bits.
     *
     * @throws SerialPortMissing   nothing is at its path (jSerialComm's word for it is an unchecked exception)
     * @throws SerialPortNotOpened it is there but the operating system would not open it
     */
    public static JSerialCommLine open(BusEndpoint.Serial endpoint) throws IOException {
        Optional<SerialPortMissing> missing = SerialPortMissing.at(endpoint.port());
        if (missing.isPresent()) {
            throw missing.get();
        }
        SerialPort p;
        try {
            p = SerialPort.getCommPort(endpoint.port());
        } catch (SerialPortInvalidPortException goneMeanwhile) {
            SerialPortMissing gone = new SerialPortMissing(endpoint.port());
            gone.addSuppressed(goneMeanwhile);
            throw gone;
        }
        int parity = switch (endpoint.parity()) {
            case "even" -> SerialPort.EVEN_PARITY;
            case "odd" -> SerialPort.ODD_PARITY;
            default -> SerialPort.NO_PARITY;
        };
        int stop = endpoint.stopBits() == 2 ? SerialPort.TWO_STOP_BITS : SerialPort.ONE_STOP_BIT;
        p.setComPortParameters(endpoint.baud(), endpoint.dataBits(), stop, parity);
        p.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        OptionalInt error = SerialPortOpening.open(p);
        if (error.isPresent()) {
            throw new SerialPortNotOpened(endpoint.port(), error.getAsInt());
        }
        return new JSerialCommLine(p, endpoint.port(), endpoint.toString(), endpoint.character());
    }

    @Override
    public void discardInput() throws IOException {
        int n;
        byte[] junk = new byte[256];
        while ((n = port.bytesAvailable()) > 0) {
            port.readBytes(junk, Math.min(n, junk.length));
        }
        if (n < 0) {
            throw new IOException(name + ": port closed or unplugged");
        }
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        int n = port.writeBytes(bytes, bytes.length);
        if (n != bytes.length) {
            throw new IOException(name + ": wrote " + n + " of " + bytes.length + " bytes (error " + port.getLastErrorCode() + ")");
        }
    }

    @Override
    public int read(byte[] buf, int off, int len, Duration wait) throws IOException {
        int ms = (int) Math.max(1, Math.min(Integer.MAX_VALUE, wait.toMillis()));
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, ms, 0);
        int n = port.readBytes(buf, len, off);
        if (n < 0) {
            throw new IOException(name + ": read failed (error " + port.getLastErrorCode() + "); port closed or unplugged");
        }
        return n;
    }

    /** The port's baud rate, parity, data and stop bits: a byte's time on the wire. */
    @Override
    public Optional<Duration> byteTime() {
        return Optional.of(byteTime);
    }

    /** Bounded ({@link SerialPortClose}): the port of an adapter pulled out may never finish closing. */
    @Override
    public void close() {
        SerialPortClose.within(path, port::closePort);
    }

    @Override
    public String toString() {
        return name;
    }
}
