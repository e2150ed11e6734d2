package org.orderly.gateway.field.modbus;

import com.ghgande.j2mod.modbus.facade.AbstractModbusMaster;
import com.ghgande.j2mod.modbus.io.AbstractModbusTransport;
import com.ghgande.j2mod.modbus.procimg.InputRegister;
import com.ghgande.j2mod.modbus.procimg.Register;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.orderly.gateway.field.SerialPortCheck;
import org.orderly.gateway.field.SerialPortClose;
import org.orderly.gateway.field.SerialPortMissing;
import org.orderly.gateway.field.SerialPortNotOpened;
import org.orderly.serial.LastReply;
import org.orderly.serial.RtuMaster;
import org.orderly.serial.TcpMaster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A j2mod master on one endpoint (TCP, or RTU over a serial port), connected when first needed and
 * dropped on request. A serial master whose port was closed under it (j2mod's disconnection listener, the adapter
 * pulled out) is dropped at the next request and a new one made, which resolves the port's path afresh ({@link
 * RtuMaster}). j2mod's own retries are switched off: the callers retry, so that they can pace and report each attempt;
 * only a request answered with exception 06 (server device busy) is sent again here
 * ({@link BusyRetry#DEFAULT} unless told otherwise), as the Modbus spec asks; the poller, which times its cycle on its
 * own clock, asks again itself ({@link BusyRetry#NONE} here). A stop while a busy retry waits is thrown as
 * {@link InterruptedException}. Not thread-safe: one owner thread, though {@link #close} may come from any.
 */
public final class ModbusConnection implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ModbusConnection.class);
    /**
     * How much longer than its timeout a TCP exchange may take before it is cut: the socket's own wait for the reply's
     * first byte begins once the request is written, after the exchange's deadline was set, and a silent unit must be
     * timed out by it (said as silent, asked late by {@link LateAnswer}), not by the cut.
     */
    static final int CUT_OFF_MARGIN_MS = 100;
    /** How an exchange cut at its deadline, its wait for each byte not run out, is said ({@link ReplyCut}). */
    private static final String NO_WHOLE_REPLY = "no whole reply within ";

    private final BusEndpoint endpoint;
    private final int timeoutMillis;
    private final BusyRetry busyRetry;
    /**
     * Guards {@link #master} and {@link #closed}: {@link #close} may come from another thread than the owner's (a driver
     * or poller closing while its thread still connects), and a connection made after it must not be kept.
     */
    private final Object handOver = new Object();
    private AbstractModbusMaster master;
    private boolean closed;
    /** The timeout the master has now: a request may be given a shorter one than {@link #timeoutMillis}. */
    private int masterTimeoutMillis;
    /**
     * The last serial exchange's cut, while the rest of its reply may still be coming down the line: the next request
     * waits for the line to fall quiet first ({@link #quietAfterCut}). Null otherwise. The owner's thread only.
     */
    private ReplyStillComing replyStillComing;

    /** A serial exchange's cut while its unit replied, and how many bytes its whole answer has. */
    private record ReplyStillComing(ReplyCut cut, int answerBytes) {
        /** The longest the rest of the answer may take, each of its bytes within the cut exchange's wait for one. */
        long boundMillis() {
            return answerBytes * cut.byteWait().toMillis();
        }
    }

    public ModbusConnection(BusEndpoint endpoint, Duration timeout) {
        this(endpoint, timeout, BusyRetry.DEFAULT);
    }

    /** @param busyRetry how a busy answer is asked again here, in real time */
    public ModbusConnection(BusEndpoint endpoint, Duration timeout, BusyRetry busyRetry) {
        this.endpoint = endpoint;
        this.timeoutMillis = Math.toIntExact(timeout.toMillis());
        this.busyRetry = Objects.requireNonNull(busyRetry, "busyRetry");
        ExchangeDeadline.opened();
    }

    public BusEndpoint endpoint() {
        return endpoint;
    }

    /** How long a request waits for its answer unless given less. */
    public Duration timeout() {
        return Duration.ofMillis(timeoutMillis);
    }

    /**
     * The connected master, connecting first when needed, waiting {@code millis} for the connection and, on its own, for
     * the next request's answer. j2mod's TCP master puts it on the socket's connect and read at once and on the
     * transport before each request; its serial master on the port's read timeout at once. A master connected while
     * {@link #close} came (from another thread) is closed here, not kept: nothing else would close it.
     *
     * @throws InterruptedException this connection closed, before or while it connected: a stop
     */
    private AbstractModbusMaster master(int millis) throws Exception {
        AbstractModbusMaster current = current();
        if (current instanceof RtuMaster rtu && !rtu.isConnected()) {
            // j2mod's disconnection listener closed its port (the adapter pulled out): the path is resolved afresh by a
            // new master, as the device the old one was made for may now be another adapter's (RtuMaster)
            LOG.info("{}: its serial port was closed under it (the adapter pulled out?); the path is opened afresh",
                    endpoint);
            disconnect();
            current = null;
        }
        if (current != null) {
            if (masterTimeoutMillis != millis) {
                current.setTimeout(millis);
                masterTimeoutMillis = millis;
            }
            return current;
        }
        AbstractModbusMaster m = create();
        m.setTimeout(millis);
        try {
            m.connect();
        } catch (IOException | com.fazecast.jSerialComm.SerialPortInvalidPortException e) {
            throw whyNotOpened(e); // jSerialComm's unchecked failure is its word for a path with nothing at it
        }
        m.setRetries(1); // one attempt per request: j2mod applies this only once connected, and treats 0 as 5
        if (m instanceof RtuMaster rtu && !rtu.isConnected()) {
            throw new java.net.ConnectException("cannot open serial port " + endpoint);
        }
        synchronized (handOver) {
            if (!closed) {
                master = m;
                masterTimeoutMillis = millis;
                LOG.debug("connected to {}", endpoint);
                return m;
            }
        }
        closeMaster(m);
        throw new InterruptedException(endpoint + ": closed while it connected; the connection made is closed");
    }

    /**
     * The master connected now, if any.
     *
     * @throws InterruptedException this connection closed: a stop
     */
    private AbstractModbusMaster current() throws InterruptedException {
        synchronized (handOver) {
            if (closed) {
                throw new InterruptedException(endpoint + ": closed");
            }
            return master;
        }
    }

    /**
     * What a failed connect (or j2mod's refused reopen) means: for a serial port, nothing at its path
     * ({@link SerialPortMissing}) or, for one that is there, the operating system's reason, which j2mod's own message
     * leaves out ({@link SerialPortCheck}); j2mod's failure kept as suppressed; else j2mod's failure as it is.
     */
    private Exception whyNotOpened(Exception j2modFailure) {
        if (endpoint instanceof BusEndpoint.Serial serial) {
            Optional<SerialPortMissing> missing = SerialPortMissing.at(serial.port());
            if (missing.isPresent()) {
                missing.get().addSuppressed(j2modFailure);
                return missing.get();
            }
            Optional<SerialPortNotOpened> why = SerialPortCheck.notOpened(serial.port());
            if (why.isPresent()) {
                why.get().addSuppressed(j2modFailure);
                return why.get();
            }
        }
        return j2modFailure;
    }

    /**
     * Reads {@code count} registers as unsigned 16-bit words.
     *
     * @throws FieldReadException   GARBLED when the answer holds another number of registers, or on TCP carries
     *                              another unit id than the one asked
     * @throws InterruptedException a stop while a busy retry waits
     * @throws Exception            whatever j2mod throws; {@link FailureClassifier} sorts it
     */
    public int[] read(int unitId, FunctionCode function, int start, int count) throws Exception {
        return read(unitId, function, start, count, timeout());
    }

    /**
     * As {@link #read(int, FunctionCode, int, int)}, waiting at most {@code timeout} (at least a millisecond, no longer
     * than the connection's) for this request's answer, and for a connection it has to make first.
     */
    public int[] read(int unitId, FunctionCode function, int start, int count, Duration timeout) throws Exception {
        int millis = Math.toIntExact(timeout.toMillis());
        if (millis < 1 || millis > timeoutMillis) {
            // j2mod takes 0 for no timeout at all
            throw new IllegalArgumentException(endpoint + ": a request's timeout " + timeout + " outside 1 ms.."
                    + timeoutMillis + " ms");
        }
        InputRegister[] regs = busyRetry.run(() -> {
            AbstractModbusMaster m = master(millis);
            return reopened(m, unitId, millis, onWire(e -> e.readOnWire(count)), BusEndpoint.Serial.readAnswerBytes(count),
                    () -> switch (function) {
                        case READ_HOLDING_REGISTERS -> m.readMultipleRegisters(unitId, start, count);
                        case READ_INPUT_REGISTERS -> m.readInputRegisters(unitId, start, count);
                    });
        }, Sleeper.REAL);
        if (regs == null || regs.length != count) {
            throw new FieldReadException(FailureKind.GARBLED, endpoint + " unit " + unitId + ": expected " + count
                    + " registers, got " + (regs == null ? "none" : regs.length), null);
        }
        int[] words = new int[count];
        for (int i = 0; i < count; i++) {
            words[i] = regs[i].toUnsignedShort();
        }
        return words;
    }

    /**
     * Writes one register with function 06 (write single register), asked again while the device answers busy.
     *
     * @throws FieldReadException GARBLED when on TCP the reply carries another unit id than the one asked: the write
     *                            may not have reached the unit asked
     */
    public void writeSingle(int unitId, int address, int raw) throws Exception {
        busyRetry.run(() -> {
            AbstractModbusMaster m = master(timeoutMillis);
            return reopened(m, unitId, timeoutMillis, onWire(BusEndpoint.Serial::writeOnWire), BusEndpoint.Serial.WRITE_ANSWER_BYTES,
                    () -> m.writeSingleRegister(unitId, address, new SimpleRegister(raw)));
        }, Sleeper.REAL);
    }

    /** Writes one register with function 16 (write multiple registers), as {@link #writeSingle} does. */
    public void writeMultiple(int unitId, int address, int raw) throws Exception {
        busyRetry.run(() -> {
            AbstractModbusMaster m = master(timeoutMillis);
            return reopened(m, unitId, timeoutMillis, onWire(BusEndpoint.Serial::writeOnWire), BusEndpoint.Serial.WRITE_ANSWER_BYTES,
                    () -> m.writeMultipleRegisters(unitId, address, new Register[] {new SimpleRegister(raw)}));
        }, Sleeper.REAL);
    }

    /**
     * Runs one request of master {@code m}, within about {@code millis} as a whole, request sent to reply complete
     * ({@link #withinDeadline}); when j2mod's transport would have reopened the port itself, which
     * {@link RtuMaster} refuses (the adapter pulled out between {@link #master}'s look and the request:
     * {@link FailureClassifier#reopenFailed}), says why the path does not open, as a failed connect does
     * ({@link #whyNotOpened}), not in j2mod's words; a path that opens leaves j2mod's failure, a {@code CONNECTION},
     * after which the next request opens the path afresh.
     */
    private <T> T reopened(AbstractModbusMaster m, int unitId, int millis, int onWireMillis, int answerBytes,
            BusyRetry.Attempt<T, Exception> request) throws Exception {
        try {
            return withinDeadline(m, unitId, millis, onWireMillis, answerBytes, request);
        } catch (Exception e) {
            if (FailureClassifier.reopenFailed(e)) {
                throw whyNotOpened(e);
            }
            throw e;
        }
    }

    /**
     * Bounds the whole exchange, request sent to reply complete: j2mod's timeout is a wait for each read of the
     * socket or the port, so a reply sent a byte at a time, each byte in time, was waited as long as it dripped.
     * {@link #CUT_OFF_MARGIN_MS} after {@code millis} (on a serial port after {@code millis} rounded up to the
     * tenths of a second the port waits in, and {@code onWireMillis}, the exchange's frames' time on the line: a long
     * answer at a low baud rate streams in after the wait for its first byte) the socket or port is closed under the read ({@link
     * ExchangeDeadline}) and the exchange is a {@code TIMEOUT}: a silent unit's own wait runs out first and is
     * said as before (until the read of 2026-12-07 the cut came at {@code millis} itself, before the socket's
     * wait, and every silent meter was said to drip). The reply's unit is checked before a cut's disconnect,
     * which forgets it; a whole exception frame that came as the cut fell is the unit's answer, kept; and
     * whatever ends the exchange, the watch is ended and a cut connection dropped for the next request to make
     * anew (a serial port opened again). A timeout of the socket's or port's own wait after bytes of another unit's
     * frame (its header's unit id read, or its address byte first on a serial line) is no silence of the unit asked
     * either: it is said and carried as a cut of that unit's reply ({@link #notItsReply}), bounded by the deadline it came
     * before (until 2026-12-07, tcp60, it was the unit asked's silent timeout in j2mod's words: {@code
     * TcpReplyCutTest.aTimeoutAfterAnotherUnitsHeaderIsNotSilence}; on a serial line until rtu61 the same day: {@code
     * LateReplyOfAnotherUnitTest.aTimeoutAfterAnotherUnitsAddressIsNotSilence}).
     * Until 2026-12-07 a serial exchange was not bounded: a reply dripped a byte every 100 ms, read with a 300 ms timeout,
     * failed only after 1029 to 1385 ms ({@code DrippingRtuMeterTest}).
     */
    private <T> T withinDeadline(AbstractModbusMaster m, int unitId, int millis, int onWireMillis, int answerBytes,
            BusyRetry.Attempt<T, Exception> request) throws Exception {
        boolean serial = endpoint instanceof BusEndpoint.Serial;
        if (m instanceof RtuMaster rtu) {
            quietAfterCut(rtu);
        }
        int cutAfter = cutAfterMs(endpoint, millis, onWireMillis);
        ExchangeDeadline deadline = ExchangeDeadline.start(() -> cutOff(m), cutAfter);
        try {
            T answer = request.call();
            fromUnitAsked(m, unitId);
            return answer;
        } catch (Exception e) {
            boolean wasCut = deadline.end();
            if (FailureClassifier.wholeExceptionFrame(e)) {
                throw exceptionOfUnitAsked(m, unitId, e);
            }
            if (FailureClassifier.unitMismatch(e) && !LastReply.answers(m, unitId)) {
                throw replyOfAnotherUnit(m, unitId, e);
            }
            if (wasCut) {
                Optional<ReplyCut> replyCut = replyCut(m, unitId, Duration.ofMillis(cutAfter), Duration.ofMillis(millis));
                if (replyCut.isEmpty()) {
                    throw silentTillTheCut(unitId, millis, cutAfter, e);
                }
                ReplyCut cut = replyCut.get();
                if (serial) {
                    replyStillComing = new ReplyStillComing(cut, answerBytes);
                }
                if (!cut.ofUnitAsked()) {
                    throw notItsReply(unitId, cut, LastReply.unit(m).orElseThrow(), e);
                }
                throw FieldReadException.cutAtDeadline(cut, endpoint + ": " + NO_WHOLE_REPLY + cutAfter
                        + " ms, though no wait of the " + (serial ? "port's " : "socket's ") + millis + " ms for a byte ran"
                        + " out (a meter or converter sending its reply a byte at a time?); " + e.getMessage(), e);
            }
            if (!LastReply.answers(m, unitId) && FailureClassifier.classify(e) == FailureKind.TIMEOUT) {
                // the port's or socket's wait for a byte ran out: on a serial line the quiet a cut's rest is waited for
                // (quietAfterCut) has been had, so nothing is left pending for the next request
                throw notItsReply(unitId, new ReplyCut(Duration.ofMillis(cutAfter), Duration.ofMillis(millis), false, false),
                        LastReply.unit(m).orElseThrow(), e);
            }
            throw e;
        } finally {
            if (deadline.end()) {
                disconnect();
            }
        }
    }

    /**
     * What an exchange of master {@code m} cut at its deadline {@code deadline} after its start cut, by the bytes that
     * came since its request was written ({@link LastReply}): nothing, when none came; else a {@link ReplyCut}, of the
     * unit asked when they began as its reply, not when they began as another unit's (a serial frame beginning with its
     * address, a TCP header carrying its unit id: a TCP-to-RS-485 gateway passing on its late reply). Until the follow-up
     * of 2026-12-07 a cut over TCP was always the unit asked's, neither of these told: j2mod's transport said nothing of
     * the bytes it read ({@code TcpReplyCutTest}).
     *
     * @param byteWait the exchange's wait for each byte of the reply
     */
    static Optional<ReplyCut> replyCut(AbstractModbusMaster m, int unitId, Duration deadline, Duration byteWait) {
        if (!LastReply.anyByteCame(m)) {
            return Optional.empty();
        }
        return Optional.of(new ReplyCut(deadline, byteWait, LastReply.answers(m, unitId)));
    }

    /**
     * An exchange cut at its deadline with no byte come: a silent unit's {@code TIMEOUT}, no {@link ReplyCut}: the
     * deadline came before the port's or socket's own wait for the first byte ran out (a loaded machine wakes the read
     * late), and nothing is coming ({@code LateReplyOfAnotherUnitTest.aUnitThatNeverBeginsToReplyIsSilentNotCut}).
     */
    private FieldReadException silentTillTheCut(int unitId, int millis, int cutAfter, Exception e) {
        return new FieldReadException(FailureKind.TIMEOUT, endpoint + " unit " + unitId + ": no reply within " + cutAfter
                + " ms: no byte came (the " + (endpoint instanceof BusEndpoint.Serial ? "port's" : "socket's") + " wait of "
                + millis + " ms for the first one ended after the deadline: a loaded computer?); " + e.getMessage(), e);
    }

    /**
     * An exchange cut at its deadline while another unit's reply came ({@code began} its unit), or timed out after its
     * header (over TCP) or address (on a serial line) came: that unit's reply, late, come during this exchange, a {@code
     * TIMEOUT} cut of a reply not the unit asked's ({@link ReplyCut#ofUnitAsked} false), whose rest on a serial line is
     * waited out before the next request (after a timeout the port's wait has had that quiet, and the retry is left as
     * after a silent unit: {@link ReplyCut#restMayStillCome}), and which at the deadline leaves the poller's retry as a
     * cut does, not as the unit's own timeout (until the read of 2026-12-07 it was said as the unit's
     * silent timeout, and the retry counted as such: {@code LateReplyOfAnotherUnitTest}). Until 2026-12-07 it was said
     * as this unit beginning to reply too slowly, and a scan listed a unit that is not there ({@code
     * LateReplyOfAnotherUnitScanTest}).
     */
    private FieldReadException notItsReply(int unitId, ReplyCut cut, int began, Exception e) {
        return FieldReadException.cutAtDeadline(cut, endpoint + " unit " + unitId + ": no reply within "
                + cut.deadline().toMillis() + " ms: what came began with unit " + began
                + (endpoint instanceof BusEndpoint.Serial ? "'s address" : "'s header") + ", not the unit asked (a late reply of"
                + " another unit?); " + e.getMessage(), e);
    }

    /**
     * A whole exception frame ({@code error}) as the answer of unit {@code unitId}, which it is only when it came from it:
     * j2mod refuses another unit's reply of registers itself, but throws its exception frame as the unit asked's, and a
     * late refusal of another unit (a meter asked before, answering after the timeout) was taken for this unit's, its
     * registers refused ({@code EXCEPTION_RESPONSE}: a poll published without them, a scan listing a unit that is not
     * there) until the read of 2026-12-07 ({@code LateReplyOfAnotherUnitTest}). Another unit's is {@code GARBLED}, as
     * its reply of registers is; j2mod's exception is kept suppressed, not as the cause, so that nothing reads its
     * code (busy, a gateway's "no reply") as this unit's.
     */
    private Exception exceptionOfUnitAsked(AbstractModbusMaster m, int unitId, Exception error) {
        if (LastReply.answers(m, unitId)) {
            return error;
        }
        FieldReadException refused = FieldReadException.ofAnotherUnit(LastReply.unit(m).orElseThrow(), endpoint + " unit "
                + unitId + ": " + LastReply.notFromUnitAsked(m, "an exception reply") + ": " + error.getMessage());
        refused.addSuppressed(error);
        return refused;
    }

    /**
     * A whole reply of registers (its CRC good) that j2mod's serial master refused itself as another unit's ({@link
     * FailureClassifier#unitMismatch}), its first byte that unit's address ({@link LastReply}): carried as the reply of
     * that unit ({@link FieldReadException#anotherUnit}), as over TCP ({@link #fromUnitAsked}) and as its exception
     * frame is ({@link #exceptionOfUnitAsked}), so that the commissioning commands advise another unit's late reply, not
     * a wrong baud rate (until 2026-12-07, rtu62, it was a plain {@code GARBLED} in j2mod's words, {@code Unit ID mismatch
     * - Request [...] Response [...]}: {@code ReplyFromAnotherUnitTest.anRtuReplyFromAnotherUnitIsRefused}). j2mod's
     * failure is kept suppressed.
     */
    private FieldReadException replyOfAnotherUnit(AbstractModbusMaster m, int unitId, Exception mismatch) {
        FieldReadException refused = FieldReadException.ofAnotherUnit(LastReply.unit(m).orElseThrow(), endpoint + " unit "
                + unitId + ": " + LastReply.notFromUnitAsked(m, "the reply"));
        refused.addSuppressed(mismatch);
        return refused;
    }

    /**
     * When an exchange given {@code millis} on {@code endpoint}, its frames {@code onWireMillis} on the line, is cut
     * ({@link #withinDeadline}), in milliseconds from its start: check-config reckons with it what a transformer meter
     * dripping its reply holds its bus. On a serial port the close under the read is only begun then: the read ends
     * when its wait for the next byte does (measured 83 to 504 ms later, docs/register-maps.md, "The poller").
     */
    public static int cutAfterMs(BusEndpoint endpoint, int millis, int onWireMillis) {
        boolean serial = endpoint instanceof BusEndpoint.Serial;
        return (serial ? (millis + 99) / 100 * 100 : millis) + onWireMillis + CUT_OFF_MARGIN_MS;
    }

    /**
     * After a serial exchange cut while its unit still replied, waits before the next request for the rest of that reply
     * to end: the line quiet for the cut exchange's wait for a byte (each of the reply's bytes came within it), at most
     * as long as the whole answer would take, each byte that wait apart (2.7 s for 2 registers given 300 ms). j2mod's
     * transport discards only what has come before the request, and the rest of a reply a byte at a time, still coming,
     * was read as this request's answer, {@code GARBLED} (until 2026-12-07: {@code
     * DrippingRtuMeterTest.theRequestAfterACutReadsItsOwnAnswer}). The quiet is waited for even when the reply has
     * ended: the port, closed by the cut and opened again for this request, cannot tell what came meanwhile. A line not
     * quiet by then (a unit that keeps sending) is said, and the request sent all the same.
     */
    private void quietAfterCut(RtuMaster rtu) {
        ReplyStillComing coming = replyStillComing;
        if (coming == null) {
            return;
        }
        replyStillComing = null;
        rtu.discardUntilQuiet(Math.toIntExact(coming.cut().byteWait().toMillis()), coming.boundMillis())
                .sayAfterCut(LOG, endpoint, coming.cut().byteWait().toMillis(), coming.boundMillis());
    }

    /**
     * How long an exchange's frames take on a serial line, {@code frames} of its endpoint in whole milliseconds rounded
     * up: its deadline gives them their time beside the wait for the answer, so that a long answer at a low baud rate,
     * streaming in, is not cut. Nothing on TCP, whose line behind a converter is not known here.
     */
    private int onWire(Function<BusEndpoint.Serial, Duration> frames) {
        if (!(endpoint instanceof BusEndpoint.Serial serial)) {
            return 0;
        }
        return BusEndpoint.Serial.wholeMillis(frames.apply(serial));
    }

    /**
     * Closes master {@code m}'s socket or port under the read that waits on it, which then fails at once. A serial
     * port's close runs on a thread of its own, not waited for ({@link SerialPortClose#begin}): the deadline's one
     * thread cuts every bus's exchanges, and the close of an adapter's port just pulled out may never return.
     */
    private void cutOff(AbstractModbusMaster m) {
        AbstractModbusTransport transport = m.getTransport();
        if (transport == null) { // null only before a connect, and an exchange follows one
            return;
        }
        Runnable close = () -> {
            try {
                transport.close();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        if (endpoint instanceof BusEndpoint.Serial serial) {
            SerialPortClose.begin(serial.port(), close);
            return;
        }
        try {
            close.run();
        } catch (RuntimeException e) {
            LOG.warn("{}: closing the socket of an exchange past its deadline failed: {}", endpoint, e.toString());
        }
    }

    /**
     * Refuses the last reply when it came from another unit than the one asked ({@link LastReply}, as an exception
     * frame is refused): j2mod's TCP master does not look; its serial master refuses another unit's reply itself, so
     * that on a serial line this finds none.
     */
    private void fromUnitAsked(AbstractModbusMaster m, int unitId) throws FieldReadException {
        if (!LastReply.answers(m, unitId)) {
            throw FieldReadException.ofAnotherUnit(LastReply.unit(m).orElseThrow(), endpoint + " unit " + unitId + ": "
                    + LastReply.notFromUnitAsked(m, "the reply"));
        }
    }

    /**
     * After a failure: a TCP stream may still carry a late or partial answer, so it is dropped
     * (unless the slave, or a gateway for it, answered with an exception frame, which leaves the stream
     * clean). A serial port stays open (j2mod's RTU transport discards stale input before each request, the rest of a
     * reply cut at its deadline is waited out before the next ({@link #quietAfterCut}), and reopening a port is slow)
     * unless the port itself failed.
     *
     * @param kind  the failure as {@link FailureClassifier} sorted it
     * @param error what was thrown
     */
    public void afterFailure(FailureKind kind, Throwable error) {
        boolean tcp = endpoint instanceof BusEndpoint.Tcp;
        if (kind == FailureKind.CONNECTION || tcp && !FailureClassifier.wholeExceptionFrame(error)) {
            disconnect();
        }
    }

    private AbstractModbusMaster create() {
        if (endpoint instanceof BusEndpoint.Tcp tcp) {
            return new TcpMaster(tcp.host(), tcp.port(), timeoutMillis);
        }
        BusEndpoint.Serial s = (BusEndpoint.Serial) endpoint;
        return RtuMaster.onPort(s.port(), s.baud(), s.dataBits(), s.parity(), s.stopBits(), timeoutMillis);
    }

    /** Whether a master is connected now (a later read connects when not). */
    public boolean isOpen() {
        synchronized (handOver) {
            return master != null;
        }
    }

    /** Drops the master, if one is connected: the next request connects again. From the owner's thread. */
    public void disconnect() {
        AbstractModbusMaster closing;
        synchronized (handOver) {
            closing = master;
            master = null;
        }
        if (closing != null) {
            closeMaster(closing);
        }
    }

    /**
     * Closes {@code closing}. A serial port's close is bounded ({@link SerialPortClose}): the port of an adapter pulled
     * out may never finish closing, and the next read opens a fresh one.
     */
    private void closeMaster(AbstractModbusMaster closing) {
        if (endpoint instanceof BusEndpoint.Serial serial) {
            SerialPortClose.within(serial.port(), closing::disconnect);
            return;
        }
        try {
            closing.disconnect();
        } catch (RuntimeException e) {
            LOG.warn("closing {} failed: {}", endpoint, e.toString());
        }
    }

    /**
     * Closes this connection for good, from any thread: the master is dropped, a connect under way on the owner's
     * thread (a driver or poller closed while its thread connects) is closed as soon as it is made, and each later
     * request is refused as a stop ({@link InterruptedException}). Until 2026-12-07 a close was a {@link #disconnect},
     * which found no master while one was being made, and the socket connected after it stayed open.
     */
    @Override
    public void close() {
        boolean first;
        synchronized (handOver) {
            first = !closed;
            closed = true;
        }
        disconnect();
        if (first) {
            ExchangeDeadline.closed(); // the last connection's close ends the deadline's thread
        }
    }
}
