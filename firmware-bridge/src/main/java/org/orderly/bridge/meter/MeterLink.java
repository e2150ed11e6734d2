package org.orderly.bridge.meter;

import com.ghgande.j2mod.modbus.ModbusSlaveException;
import com.ghgande.j2mod.modbus.facade.AbstractModbusMaster;
import com.ghgande.j2mod.modbus.io.AbstractModbusTransport;
import com.ghgande.j2mod.modbus.procimg.InputRegister;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.orderly.serial.LastReply;
import org.orderly.serial.RtuMaster;
import org.orderly.serial.TcpMaster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A j2mod master that reads the meter's power, import energy and phase currents, connected when first needed. One
 * attempt per request (the next period is the retry). After a failure the connection is dropped and made again at the
 * next read, unless the meter answered with a Modbus exception, which leaves the line clean: a TCP stream may still
 * carry a late answer, and a USB serial adapter unplugged and plugged back is a new port. A serial port closed under
 * its master between two reads (j2mod's disconnection listener, the adapter pulled out) is not opened again by that
 * master, whose port object was made for the device then at the configured path ({@link RtuMaster}): a new master opens
 * the path afresh, never the device number the adapter had, which the kernel may since have given another. Not
 * thread-safe: the meter's thread owns it, but
 * for {@link #abandon()}, which a stop calls from its own thread.
 *
 * <p>Each request has a deadline, on the deadline executor's clock (monotonic): the timeout after it was begun, and on
 * a serial line the time its frames take on the line besides. A request whose answer is not whole by then is given up
 * and its connection or port closed under it. j2mod's own timeouts start again at every byte: over TCP the socket's
 * read timeout, so a peer sending a byte at a time would hold the request for as long as it went on; over RTU each of
 * the reply's header and checksum bytes is waited for up to the timeout, so a meter dripping its reply held a request
 * several timeouts, and its reply, whole at last, was taken.
 */
final class MeterLink implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MeterLink.class);

    /**
     * What a request's deadline allows on a serial line beyond the timeout: the request (8 bytes) and its reply (9
     * bytes for two registers) on the line, each after a silence of 3.5 characters.
     */
    private static final int RTU_FRAME_CHARS = 8 + 9 + 7;

    private final MeterTransport transport;
    private final int timeoutMillis;
    /** The timeout, and on a serial line its frames' time on the line: the request's deadline after it was begun. */
    private final long deadlineMillis;
    private final ScheduledExecutorService deadlines;
    private AbstractModbusMaster master;
    /**
     * The connection's or port's transport while connected, for the deadline and {@link #abandon()} on another thread.
     * j2mod's master takes its monitor for a whole request and for disconnect(), so only the transport, whose close()
     * takes none, can end a request in progress from outside.
     */
    private volatile AbstractModbusTransport wire;
    /** Set by {@link #abandon()}: no connection is made after it. */
    private volatile boolean abandoned;

    /** @param deadlines where each request's deadline runs; not the thread that reads */
    MeterLink(MeterTransport transport, Duration timeout, ScheduledExecutorService deadlines) {
        this.transport = transport;
        this.timeoutMillis = Math.toIntExact(timeout.toMillis());
        this.deadlineMillis = timeoutMillis + (transport instanceof MeterTransport.Serial serial
                ? (serial.onTheLine(RTU_FRAME_CHARS).toNanos() + 999_999) / 1_000_000 : 0);
        this.deadlines = deadlines;
    }

    /**
     * Reads {@code model}'s total active power and import energy from {@code unit}, then its phase currents, in three
     * requests: each span that would join two of them holds addresses Eastron's tables do not list
     * (docs/firmware-bridge.md, "Why three requests"). A meter that answers the currents' request with a Modbus
     * exception (one that does not serve them) is read without them.
     */
    MeterReply read(MeterModel model, int unit) throws Exception {
        try {
            double powerW = readFloats(unit, model.powerAddress(), 1)[0];
            double importKwh = readFloats(unit, MeterModel.IMPORT_ENERGY_ADDRESS, 1)[0];
            List<Double> phaseAmps;
            try {
                phaseAmps = Arrays.stream(readFloats(unit, MeterModel.PHASE_CURRENT_ADDRESS, model.phases())).boxed()
                        .toList();
            } catch (ModbusSlaveException notServed) {
                LOG.debug("unit {} does not serve its phase currents: {}", unit, notServed.getMessage());
                phaseAmps = List.of();
            }
            return new MeterReply(powerW, importKwh, phaseAmps);
        } catch (Exception e) {
            if (!(e instanceof ModbusSlaveException)) {
                disconnect();
            }
            throw e;
        }
    }

    /** {@code count} IEEE-754 float32s in two input registers each, high word first, from {@code address} on. */
    private double[] readFloats(int unit, int address, int count) throws Exception {
        AbstractModbusMaster m = master();
        InputRegister[] words;
        try {
            words = ask(m, unit, address, 2 * count);
        } catch (ModbusSlaveException refusal) {
            throw refusalOfUnitAsked(m, unit, address, refusal);
        }
        if (!LastReply.answers(m, unit)) {
            // j2mod's TCP master does not look; its serial master refuses a reply from another unit itself
            throw new IOException(String.format("fc04 0x%04X+%d: %s", address, 2 * count,
                    LastReply.notFromUnitAsked(m, "the reply", unit)));
        }
        if (words == null || words.length != 2 * count) {
            throw new IOException(String.format("fc04 0x%04X+%d: answered %s registers", address, 2 * count,
                    words == null ? "no" : Integer.toString(words.length)));
        }
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = Float.intBitsToFloat(words[2 * i].toUnsignedShort() << 16 | words[2 * i + 1].toUnsignedShort());
        }
        return values;
    }

    /**
     * A Modbus exception frame ({@code refusal}) as the answer of {@code unit}, which it is only when it came from it
     * ({@link LastReply}): j2mod throws any unit's exception frame as the unit asked's, over RTU and TCP alike. Another
     * unit's (a late refusal on a shared line, or behind a TCP-to-RS-485 gateway) is no refusal of this meter, and is
     * failed as a reply from another unit is: the connection dropped (its line may carry more of the late replies),
     * j2mod's exception kept suppressed so that nothing takes it for this meter's. Until 2026-12-07 it was this meter's:
     * a refused phase-current request read the meter without its currents, a refused power request kept the connection
     * ({@code MeterExceptionOfAnotherUnitTest}).
     */
    private static Exception refusalOfUnitAsked(AbstractModbusMaster m, int unit, int address, ModbusSlaveException refusal) {
        if (LastReply.answers(m, unit)) {
            return refusal;
        }
        IOException other = new IOException(String.format("fc04 0x%04X: %s: %s", address,
                LastReply.notFromUnitAsked(m, "an exception reply", unit), refusal.getMessage()));
        other.addSuppressed(refusal);
        return other;
    }

    /** One fc04 request for {@code registers}, given up at its deadline (the class comment says why). */
    private InputRegister[] ask(AbstractModbusMaster m, int unit, int address, int registers) throws Exception {
        AbstractModbusTransport w = wire;
        // 0 while asking; 1 once the request ended; 2 once the deadline gave it up: whichever comes first decides
        AtomicInteger state = new AtomicInteger();
        ScheduledFuture<?> deadline = deadlines.schedule(() -> {
            if (state.compareAndSet(0, 2)) {
                close(w, "at the request's deadline");
            }
        }, deadlineMillis + extraFrameMillis(registers), TimeUnit.MILLISECONDS);
        InputRegister[] words;
        try {
            words = m.readInputRegisters(unit, address, registers);
        } catch (Exception e) {
            if (state.compareAndSet(0, 1)) {
                throw e;
            }
            throw late(address, e);
        } finally {
            deadline.cancel(false);
        }
        if (!state.compareAndSet(0, 1)) {
            // whole just as the deadline came: its connection is closed all the same
            throw late(address, null);
        }
        return words;
    }

    /** On a serial line, the time on the line of a reply's registers beyond the two {@link #RTU_FRAME_CHARS} counts. */
    private long extraFrameMillis(int registers) {
        return transport instanceof MeterTransport.Serial serial && registers > 2
                ? (serial.onTheLine(2 * (registers - 2)).toNanos() + 999_999) / 1_000_000 : 0;
    }

    private SocketTimeoutException late(int address, Exception cause) {
        String within = transport instanceof MeterTransport.Serial serial
                ? String.format("%d ms (and %d ms for the frames at %d baud); port closed", timeoutMillis,
                        deadlineMillis - timeoutMillis, serial.baud())
                : timeoutMillis + " ms; connection closed";
        SocketTimeoutException e = new SocketTimeoutException(String.format("fc04 0x%04X+2: no whole answer within %s",
                address, within));
        e.initCause(cause);
        return e;
    }

    private AbstractModbusMaster master() throws Exception {
        if (master instanceof RtuMaster rtu && !rtu.isConnected()) {
            LOG.info("{}: its serial port was closed under it (the adapter pulled out?); the path is opened afresh",
                    transport);
            disconnect();
        }
        if (master == null) {
            if (abandoned) {
                throw new IOException(transport + ": stopping, not connecting");
            }
            AbstractModbusMaster m = create();
            m.setTimeout(timeoutMillis);
            m.connect();
            m.setRetries(1); // one attempt: j2mod applies this only once connected, and treats 0 as 5
            if (!m.isConnected()) {
                m.disconnect();
                throw new ConnectException("cannot open " + transport);
            }
            master = m;
            wire = m.getTransport();
            if (abandoned) {
                // abandon() came between the check above and now and did not see this connection
                disconnect();
                throw new IOException(transport + ": stopping, not connecting");
            }
            LOG.debug("connected to {}", transport);
        }
        return master;
    }

    private AbstractModbusMaster create() {
        if (transport instanceof MeterTransport.Tcp tcp) {
            return new TcpMaster(tcp.host(), tcp.port(), timeoutMillis);
        }
        MeterTransport.Serial serial = (MeterTransport.Serial) transport;
        return RtuMaster.onPort(serial.device(), serial.baud(), 8, serial.parity().option(), serial.stopBits(), timeoutMillis);
    }

    /**
     * Ends a request in progress on another thread at once, and any later one, by closing the connection or port under
     * it without taking j2mod's monitor (which that request holds until it ends). For a stop: no connection is made
     * after it.
     */
    void abandon() {
        abandoned = true;
        AbstractModbusTransport w = wire;
        if (w != null) {
            close(w, "for a stop");
        }
    }

    /** Closes a connection's or port's transport, whoever holds j2mod's monitor: a request in progress on it fails. */
    private void close(AbstractModbusTransport w, String why) {
        try {
            w.close();
        } catch (IOException | RuntimeException e) {
            LOG.debug("closing {} under a request {}: {}", transport, why, e.toString());
        }
    }

    private void disconnect() {
        wire = null;
        if (master != null) {
            try {
                master.disconnect();
            } catch (RuntimeException e) {
                LOG.debug("closing {}: {}", transport, e.toString());
            }
            master = null;
        }
    }

    @Override
    public void close() {
        disconnect();
    }
}
