package org.orderly.gateway.field.modbus;

import com.ghgande.j2mod.modbus.ModbusSlaveException;
import java.io.EOFException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.Locale;
import org.orderly.serial.RtuMaster;

/** Maps what j2mod throws to a {@link FailureKind}. j2mod says much of it only in messages. */
public final class FailureClassifier {

    private FailureClassifier() {
    }

    /** Exception 0A (gateway path unavailable) and 0B (gateway target device failed to respond). */
    private static final int GATEWAY_PATH_UNAVAILABLE = 0x0A;
    private static final int GATEWAY_TARGET_SILENT = 0x0B;

    /** Exception 06: the device is busy with something else and asks to be asked again later. */
    private static final int SERVER_DEVICE_BUSY = 0x06;

    public static FailureKind classify(Throwable error) {
        if (busy(error)) {
            return FailureKind.BUSY;
        }
        if (gatewaySaidNoReply(error)) {
            // The gateway's own word that nothing answered on its serial line: the unit timed out there.
            return FailureKind.TIMEOUT;
        }
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ModbusSlaveException) {
                return FailureKind.EXCEPTION_RESPONSE;
            }
            if (t instanceof SocketTimeoutException) {
                return FailureKind.TIMEOUT;
            }
            // A name that does not resolve, or a host with no route to it, is an address that cannot be reached: its
            // message names neither "connect" nor "timeout", and fell through to garbled until 2026-12-02.
            if (t instanceof ConnectException || t instanceof java.net.UnknownHostException
                    || t instanceof java.net.NoRouteToHostException
                    || t instanceof com.fazecast.jSerialComm.SerialPortInvalidPortException
                    || t instanceof org.orderly.gateway.field.SerialPortNotOpened
                    || t instanceof org.orderly.gateway.field.SerialPortMissing) {
                return FailureKind.CONNECTION;
            }
        }
        String text = messages(error);
        if (text.contains("crc")) {
            return FailureKind.GARBLED;
        }
        // j2mod's RTU transport reports a response that did not arrive in time as "Cannot read from serial port"
        if (text.contains("timeout") || text.contains("timed out") || text.contains("cannot read from serial port")) {
            return FailureKind.TIMEOUT;
        }
        if (text.contains("connect") || (text.contains("port") && text.contains("open")) || hasCause(error, EOFException.class)
                || text.contains("end of stream") || text.contains("broken pipe") || text.contains("reset")) {
            return FailureKind.CONNECTION;
        }
        return FailureKind.GARBLED;
    }

    /** The device answered exception 06 (server device busy); or a link said so, sorting what it threw. */
    public static boolean busy(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof FieldReadException f && f.kind() == FailureKind.BUSY) {
                return true;
            }
            if (t instanceof ModbusSlaveException e) {
                return e.getType() == SERVER_DEVICE_BUSY;
            }
        }
        return false;
    }

    /**
     * j2mod's serial transport did not reopen a port closed under it: j2mod's disconnection listener closes the port of
     * an adapter pulled out, and j2mod's next request opens it again itself, which {@link RtuMaster} refuses (j2mod's
     * words: {@code Cannot open port ... - serial port ... is not reopened ...}). The port is closed then.
     */
    public static boolean reopenFailed(Throwable error) {
        return j2modSaid(error, "Cannot open port ");
    }

    /**
     * j2mod read a whole reply, its CRC good, and refused it as another unit's than the one asked (its words: {@code Unit
     * ID mismatch - Request [...] Response [...]}, its serial transaction's check, 3.3.0): no garbled frame, which a bad
     * CRC says first.
     */
    public static boolean unitMismatch(Throwable error) {
        return j2modSaid(error, "Unit ID mismatch");
    }

    /** Whether j2mod threw, in {@code error} or a cause of it, an I/O failure whose message begins with {@code words}. */
    private static boolean j2modSaid(Throwable error, String words) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof com.ghgande.j2mod.modbus.ModbusIOException && t.getMessage() != null
                    && t.getMessage().startsWith(words)) {
                return true;
            }
        }
        return false;
    }

    /** A Modbus TCP gateway answered that the unit behind it did not (exception 0A or 0B). */
    public static boolean gatewaySaidNoReply(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ModbusSlaveException e) {
                return e.getType() == GATEWAY_PATH_UNAVAILABLE || e.getType() == GATEWAY_TARGET_SILENT;
            }
        }
        return false;
    }

    /**
     * The connection ended while a reply was awaited (j2mod's "Premature end of stream"): a server that closed without
     * a word, or one that sent part of a reply and closed; {@link ReplyBytes} tells which.
     */
    static boolean endedEarly(Throwable error) {
        return hasCause(error, EOFException.class) || messages(error).contains("end of stream");
    }

    /** A whole exception frame arrived: nothing of the answer is left in a TCP stream. */
    static boolean wholeExceptionFrame(Throwable error) {
        return hasCause(error, ModbusSlaveException.class);
    }

    private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String messages(Throwable error) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause()) {
            sb.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage()).append(" | ");
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }
}
