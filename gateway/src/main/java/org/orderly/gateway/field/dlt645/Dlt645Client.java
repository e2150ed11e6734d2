package org.orderly.gateway.field.dlt645;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.orderly.gateway.core.time.Tick;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.gateway.field.modbus.BusTiming;
import org.orderly.gateway.field.modbus.FailureKind;
import org.orderly.gateway.field.modbus.FieldReadException;
import org.orderly.serial.InputDiscarded;
import org.orderly.serial.QuietWait;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One DL/T 645 request (2007 or 1997, as the identifier asked) and its reply at a time over a {@link SerialLine}. Every
 * reply is checked before it is believed: direction bit and function, the address it came from, the identifier it
 * answers, its length
 * and digits. Failures are {@link FieldReadException}s sorted like the Modbus ones: no reply is
 * {@code TIMEOUT}, a refusal (abnormal reply with an error byte) is {@code EXCEPTION_RESPONSE}, its error byte in a
 * {@link MeterRefusal} cause (a meter without the identifier asked says "no such data"), anything
 * wrong in a reply is {@code GARBLED}, a port that fails is {@code CONNECTION}. Not thread-safe.
 */
public final class Dlt645Client implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Dlt645Client.class);
    /** The FE bytes a meter may send before its reply (DL/T 645-2007 allows four), and a frame's bytes besides its data. */
    private static final int PREAMBLE_BYTES = 4;
    private static final int FRAME_BYTES = 12;
    private static final HexFormat HEX = HexFormat.ofDelimiter(" ");
    private final SerialLine line;
    /**
     * A serial bus's default gap between frames ({@code timing.gapMs}, {@link BusTiming#defaults()}'s, not repeated
     * here): the quiet after a cut reply known whole, for a client made without its bus's gap (the commissioning
     * tools' {@code orderly dlt645} commands, which take no gap).
     */
    public static final Duration DEFAULT_GAP = BusTiming.defaults().interFrameGap();
    private final Duration timeout;
    /** The bus's gap between frames: the quiet kept after a cut reply's end before the next request. */
    private final Duration gap;
    private final Ticker ticker;
    private final byte[] buf = new byte[512];
    /** The line's last exchange, shared with each client {@link #waiting} on the same line. */
    private final LastExchange last;
    /**
     * The latest time a request may be sent, its wait for quiet after a cut ended by then ({@link #quietAfterCut}); null
     * for none.
     */
    private final Tick sendBy;
    /**
     * The time a request is sent by, its wait for quiet after a cut ended then, while what comes drips (slower than line
     * speed: {@link org.orderly.serial.QuietWait#discard}); null for none. What comes at line speed is waited for past it.
     */
    private final Tick sendIntoDripBy;

    /**
     * The last exchange on a line, whichever client on it made it: a meter that answers twice repeats its answer in
     * the next exchange, which may be another client's (a read {@link #waiting} longer, between the poller's).
     */
    private static final class LastExchange {
        /** The last frame met on the line, not our own echo. */
        private byte[] frame;
        /** The request of the last exchange (its data the identifier its reply had to answer); null before the first. */
        private Frame request;
        /**
         * The last exchange's cut, while the rest of its reply may still be coming down the line: the next request waits
         * for the line to fall quiet first ({@link #quietAfterCut}). Null otherwise.
         */
        private ReplyStillComing stillComing;
    }

    /**
     * An exchange cut at its deadline while its meter replied: the wait it gave, how many bytes its reply has, when
     * its last byte came (on the ticker), and the quiet owed after that byte: the cut exchange's wait, or only the bus's
     * gap once a wait has seen the reply end with nothing dripped after the cut ({@link #quietAfterCut}).
     */
    private record ReplyStillComing(Duration byteWait, int replyBytes, Tick lastByte, CutReplyEnd end,
                                    Duration owedAfterLastByte) {
        /** Cut with its reply's end not seen yet: the whole wait owed after its last byte. */
        ReplyStillComing(Duration byteWait, int replyBytes, Tick lastByte, CutReplyEnd end) {
            this(byteWait, replyBytes, lastByte, end, byteWait);
        }

        /** The longest the rest of the reply may take, each of its bytes within the cut exchange's wait. */
        Duration bound() {
            return byteWait.multipliedBy(replyBytes);
        }

        /** How long the line will have been quiet at {@code at}, if nothing more comes. */
        Duration quietAt(Tick at) {
            Duration quiet = at.since(lastByte);
            return quiet.isNegative() ? Duration.ZERO : quiet;
        }

        /** The quiet still to be waited for by a request sent at {@code at}, if nothing more comes. */
        Duration owedAt(Tick at) {
            Duration owed = owedAfterLastByte.minus(quietAt(at));
            return owed.isNegative() ? Duration.ZERO : owed;
        }

        /**
         * The quiet a wait begun at {@code at} counts as kept already, so that its first read waits for what is owed:
         * the cut exchange's wait less that.
         */
        Duration keptAt(Tick at) {
            return byteWait.minus(owedAt(at));
        }

        /**
         * The same cut, its line last heard at {@code heard}, after which {@code owed} is owed: what a wait not ended
         * quiet read of it or after it.
         */
        ReplyStillComing heardAt(Tick heard, Duration owed) {
            return new ReplyStillComing(byteWait, replyBytes, heard, end, owed);
        }
    }

    /**
     * @param ticker what the reply's deadline is measured on: the poller's, so that a test moving it by hand drives the
     *               timeout as it drives the poller's pacing ({@link Ticker#SYSTEM} live)
     */
    public Dlt645Client(SerialLine line, Duration timeout, Ticker ticker) {
        this(line, timeout, DEFAULT_GAP, ticker);
    }

    /**
     * @param gap the bus's gap between frames ({@code timing.gapMs}): kept after a cut reply's real end before the next
     *            request, as the poller keeps it after an exchange ({@link #quietAfterCut})
     */
    public Dlt645Client(SerialLine line, Duration timeout, Duration gap, Ticker ticker) {
        this(line, timeout, gap, ticker, new LastExchange(), null, null);
    }

    private Dlt645Client(SerialLine line, Duration timeout, Duration gap, Ticker ticker, LastExchange last, Tick sendBy,
                         Tick sendIntoDripBy) {
        this.line = Objects.requireNonNull(line, "line");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.gap = Objects.requireNonNull(gap, "gap");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.last = last;
        this.sendBy = sendBy;
        this.sendIntoDripBy = sendIntoDripBy;
    }

    /**
     * A client on the same line that waits {@code timeout} for each reply: a meter asked again with a long wait, on the
     * line the poller holds open (a serial port has one user at a time). Closing either closes the line.
     */
    public Dlt645Client waiting(Duration timeout) {
        return new Dlt645Client(line, timeout, gap, ticker, last, null, null);
    }

    /**
     * A client on the same line that waits {@code timeout} for each reply and sends each request by {@code sendBy} at
     * the latest: a wait for quiet after a cut not over by then ends there, the request not sent, {@code TIMEOUT} with a
     * {@link NotQuietBySendTime} cause (a pile meter's read on a line whose transformer meter is due after it); the cut
     * stays on record, and the cut request the line's last, for the next request to wait out.
     */
    public Dlt645Client waiting(Duration timeout, Tick sendBy) {
        return new Dlt645Client(line, timeout, gap, ticker, last, Objects.requireNonNull(sendBy, "sendBy"), null);
    }

    /**
     * A client on the same line that waits {@code timeout} for each reply and sends each request by {@code sendBy} while
     * the line is busy with a dripped reply after a cut (its rest or its copy coming slower than line speed): the wait
     * for quiet ends then and the request is sent, what the drip still garbles a failed read as any (the transformer
     * meter's, due at its cycle's start). A reply still coming at line speed is waited for as without it: sent into, it
     * would collide (read60e: a send-by for any reply was tried on 2026-12-07 and taken back).
     */
    public Dlt645Client sendingIntoDripBy(Duration timeout, Tick sendBy) {
        return new Dlt645Client(line, timeout, gap, ticker, last, null, Objects.requireNonNull(sendBy, "sendBy"));
    }

    /**
     * How long the next request, sent at {@code at}, first waits for the line to fall quiet after a cut exchange
     * ({@link #quietAfterCut}), if nothing more of its reply comes: what the poller counts in its room for it. Zero
     * without such a cut, or when the line will have been quiet that long by then.
     */
    public Duration quietOwedAt(Tick at) {
        ReplyStillComing coming = last.stillComing;
        return coming == null ? Duration.ZERO : coming.owedAt(at);
    }

    /**
     * Whether the last exchange was cut while its meter replied, the rest of its reply perhaps still coming: bytes of it
     * that come after the cut are held by the port undated, and the next request's wait for quiet begins anew when it
     * reads them ({@link #quietOwedAt} is then too little).
     */
    public boolean cutReplyPending() {
        return last.stillComing != null;
    }

    /**
     * Reads one identifier's value from the meter at {@code address}, in the identifier's edition: a 2007 read
     * ({@code 11}, four identifier bytes) or a 1997 one ({@code 01}, two).
     */
    public double read(MeterAddress address, DataId di) throws FieldReadException, InterruptedException {
        String what = line + " meter " + address + " " + di;
        byte[] value = valueAnswering(address, di.version(), di.wireBytes(), di.bytes(), what);
        if (value.length != di.bytes()) {
            throw garbled(what, "value of " + value.length + " bytes, expected " + di.bytes());
        }
        try {
            return di.decode(value, 0);
        } catch (IllegalArgumentException e) {
            // A reply whose checksum holds: the meter's value, not the line's doing (ValueNotBcd says so to its reader).
            ValueNotBcd notBcd = new ValueNotBcd(e.getMessage());
            throw new FieldReadException(FailureKind.GARBLED, what + ": " + notBcd.getMessage(), notBcd);
        }
    }

    /**
     * The value bytes of the meter's reply to a read of {@code id}, its value {@code valueBytes} long, once the reply is
     * checked to answer it.
     */
    private byte[] valueAnswering(MeterAddress address, Dlt645Version version, byte[] id, int valueBytes, String what)
            throws FieldReadException, InterruptedException {
        Frame reply = exchange(new Frame(address, version.readData(), id), version, id.length + valueBytes, what);
        byte[] d = reply.data();
        int n = id.length;
        if (d.length < n || !Arrays.equals(Arrays.copyOf(d, n), id)) {
            throw garbled(what, "reply answers another identifier: " + HEX.formatHex(Arrays.copyOf(d, Math.min(n, d.length))));
        }
        return Arrays.copyOfRange(d, n, d.length);
    }

    /**
     * Reads a DL/T 645-2007 block: every member's value in one exchange, in the block's order, of which the
     * {@code wanted} are decoded and returned (in the block's order). A reply whose value is not exactly the block's
     * length, or a wanted value in it that is not BCD, is refused whole ({@code GARBLED}, a {@link BlockMisfit} cause),
     * never cut into values; a refusal is {@code EXCEPTION_RESPONSE} as a single read's. A member not wanted is not
     * looked at: a single-phase meter fills the phases it lacks with FF (a published reply of 0203FF00 has B and C so).
     */
    public Map<DataId, Double> readBlock(MeterAddress address, DataBlock block, Collection<DataId> wanted)
            throws FieldReadException, InterruptedException {
        String what = line + " meter " + address + " " + block;
        byte[] value = valueAnswering(address, Dlt645Version.V2007, block.wireBytes(), block.bytes(), what);
        if (value.length != block.bytes()) {
            throw misfit(what, BlockMisfit.length(block, value.length));
        }
        Map<DataId, Double> values = new LinkedHashMap<>();
        int off = 0;
        for (DataId di : block.members()) {
            if (wanted.contains(di)) {
                try {
                    values.put(di, di.decode(value, off));
                } catch (IllegalArgumentException e) {
                    throw misfit(what, BlockMisfit.value(di, HEX.formatHex(value, off, off + di.bytes()) + " is not BCD"));
                }
            }
            off += di.bytes();
        }
        return values;
    }

    private static FieldReadException misfit(String what, BlockMisfit misfit) {
        return new FieldReadException(FailureKind.GARBLED, what + ": " + misfit.getMessage(), misfit);
    }

    /**
     * Asks the broadcast address for the meter's own address. Only meaningful with one meter on the line
     * (several would answer at once): the commissioning step that finds an unlabelled meter.
     */
    public MeterAddress readAddress() throws FieldReadException, InterruptedException {
        String what = line + " broadcast address read";
        Frame reply = exchange(new Frame(MeterAddress.BROADCAST, ControlCode.READ_ADDRESS, new byte[0]),
                Dlt645Version.V2007, 6, what);
        byte[] d = reply.data();
        if (d.length != 6) {
            throw garbled(what, "address reply carries " + d.length + " bytes, expected 6");
        }
        MeterAddress inData;
        try {
            inData = MeterAddress.fromWire(d, 0);
        } catch (IllegalArgumentException e) {
            throw garbled(what, "address in the reply is not BCD: " + HEX.formatHex(d));
        }
        if (!inData.equals(reply.address())) {
            throw garbled(what, "reply header says " + reply.address() + " but its data says " + inData);
        }
        return inData;
    }

    /** One request and its reply, whose data is {@code replyData} bytes long. */
    private Frame exchange(Frame request, Dlt645Version version, int replyData, String what)
            throws FieldReadException, InterruptedException {
        byte[] sent = request.bytes();
        Frame previousRequest = last.request;
        try {
            quietAfterCut(what);
            line.discardInput();
            line.write(request.withPreamble());
        } catch (IOException e) {
            throw new FieldReadException(FailureKind.CONNECTION, what + ": " + e.getMessage(), e);
        }
        // Only once sent: a request not sent by its time leaves the cut one the line's last, whose copy the next
        // exchange passes over (until 2026-12-07 it took its place, and the copy was read as a reply from another meter)
        last.request = request;
        Tick deadline = ticker.now().plus(timeout);
        int len = 0;
        Tick lastByte = null;
        String repeated = null; // the last request's answer met again, passed over
        while (true) {
            if (Thread.interrupted()) {
                throw new InterruptedException(what);
            }
            Duration left = deadline.since(ticker.now());
            if (left.isNegative() || left.isZero()) {
                if (repeated != null) {
                    // A meter that answers every request with its last answer (one answering another identifier than
                    // asked, asked two in a row) is garbled, as its first such answer was, not silent.
                    throw garbled(what, "no reply of its own within " + timeout.toMillis() + " ms, only " + repeated);
                }
                if (len > 0) {
                    last.stillComing = new ReplyStillComing(timeout, PREAMBLE_BYTES + FRAME_BYTES + replyData, lastByte,
                            new CutReplyEnd(request, Arrays.copyOf(buf, len)));
                }
                throw new FieldReadException(FailureKind.TIMEOUT, what + ": no complete reply within " + timeout.toMillis()
                        + " ms" + (len == 0 ? "" : "; received " + HEX.formatHex(buf, 0, Math.min(len, 64))), null);
            }
            if (len == buf.length) {
                throw garbled(what, "more than " + buf.length + " bytes without a frame");
            }
            int n;
            try {
                n = line.read(buf, len, buf.length - len, left);
            } catch (IOException e) {
                throw new FieldReadException(FailureKind.CONNECTION, what + ": " + e.getMessage(), e);
            }
            len += n;
            if (n > 0) {
                lastByte = ticker.now();
            }
            FrameScanner.Scan scan = FrameScanner.scan(buf, len);
            if (scan instanceof FrameScanner.Scan.Corrupt c) {
                throw garbled(what, c.reason() + " in " + HEX.formatHex(buf, 0, Math.min(len, 64)));
            }
            if (scan instanceof FrameScanner.Scan.Found f) {
                if (Arrays.equals(f.frame().bytes(), sent)) {
                    // Some RS-485 adapters echo what they send: skip our own request and read on.
                    System.arraycopy(buf, f.end(), buf, 0, len - f.end());
                    len -= f.end();
                    continue;
                }
                byte[] met = f.frame().bytes();
                if (Arrays.equals(met, last.frame) && answers(previousRequest, f.frame())
                        && !answers(request, f.frame())) {
                    // A meter that answers twice: its second answer to the last request comes in this one, before this
                    // one's answer. It answers that request and cannot answer this one (another identifier or meter), so
                    // it is no failure of this one (until 2026-12-06 it was GARBLED, every read after such a meter's
                    // lost): read on. A reply that answered no request (from another address) is judged as any.
                    repeated = "the last request's answer again: " + HEX.formatHex(met);
                    System.arraycopy(buf, f.end(), buf, 0, len - f.end());
                    len -= f.end();
                    continue;
                }
                last.frame = met;
                return check(request, f.frame(), version, what);
            }
        }
    }

    /**
     * After an exchange cut at its deadline while its meter replied (some of its reply come, not all), waits before the
     * next request for the rest of that reply to end: the line quiet for the cut exchange's wait (each byte of the reply
     * came within it), at most as long as its whole reply would take, each byte that wait apart (13.8 s for a power
     * total's 23 bytes given 600 ms). Until 2026-12-07 the next request was sent at once, into the reply still coming
     * (on RS-485 a collision), and read its rest before its own answer, which came after its timeout: {@code TIMEOUT}
     * ({@code Dlt645DrippedReplyTest}). The Modbus RTU master's wait too ({@link org.orderly.serial.QuietWait}). A line
     * not quiet by then (a meter that keeps sending) is said, and the request sent all the same. The line is kept open
     * (not as the Modbus RTU port, closed by its cut), so the quiet since the reply's last byte counts: only the rest is
     * waited for, none once the line has been quiet that long (until 2026-12-07 the whole wait, each time,
     * {@code Dlt645QuietAfterCutRoomTest}). Once the bytes before the cut and after it make the cut reply's whole frame
     * ({@link CutReplyEnd}), no byte of it is left to come, and only the bus's gap between frames is waited for (until
     * 2026-12-07 the rest of a reply that came just after the cut, held by the port and read undated, began the whole
     * wait anew, a 1000 ms timeout's 1000 ms; {@code Dlt645CutReplyEndTest}). That whole reply is then the line's last
     * answer, to the cut request, so that a meter answering twice has its copy passed over by the next exchange as any
     * repeated answer: the wait's early end leaves a copy to come after it (which the whole wait had thrown away), and
     * for a while on 2026-12-07 it was read as the next meter's answer ({@code Dlt645CutReplyEndTest}). A reply whose
     * rest came dripping has the whole wait kept after its end, and a copy begun within the wait is read to its end
     * ({@link org.orderly.serial.QuietWait#discard}): a dripped copy would not come whole within the next exchange's
     * timeout, and would cut it.
     */
    private void quietAfterCut(String what) throws IOException, FieldReadException {
        ReplyStillComing coming = last.stillComing;
        if (coming == null) {
            return;
        }
        last.stillComing = null;
        Tick now = ticker.now();
        Duration bound = coming.bound();
        Duration toSendBy = sendBy == null ? null : sendBy.since(now);
        boolean boundedBySendTime = toSendBy != null && toSendBy.compareTo(bound) < 0;
        if (boundedBySendTime) {
            bound = toSendBy.isNegative() ? Duration.ZERO : toSendBy;
        }
        Duration dripBound = sendIntoDripBy == null ? null
                : sendIntoDripBy.since(now).isNegative() ? Duration.ZERO : sendIntoDripBy.since(now);
        // When the wait last read bytes (on the ticker, as the cut's last byte): the quiet a request not sent is still owed
        AtomicReference<Tick> heard = new AtomicReference<>(coming.lastByte());
        QuietWait.ReplyEnd noting = (buffer, n) -> {
            heard.set(ticker.now());
            return coming.end().endedWith(buffer, n);
        };
        InputDiscarded discarded = line.discardUntilQuiet(coming.byteWait(), coming.keptAt(now), bound, noting, gap,
                ticker, dripBound);
        Frame whole = coming.end().whole();
        if (whole != null) {
            // The exchange reading next took last.request, the cut request, for the previous one before this wait.
            last.frame = whole.bytes();
        }
        if (discarded.cutInDrip()) {
            LOG.debug("{}: meter {}'s reply cut at its deadline still drips ({} bytes came since); the request sent at its"
                    + " time into it", line, coming.end().asked(), discarded.bytes());
            return;
        }
        if (boundedBySendTime && !discarded.quiet()) {
            // Not sent: the cut's record stays, dated by the last bytes read, until the quiet it waits for is seen. Until
            // 2026-12-07 it was cleared here, and the next request (the transformer meter's, due at the next cycle's
            // start) went out at once into a copy still coming at line speed (Dlt645DrippedCopyRoomTest, dlt62). A reply
            // seen to end, nothing dripped, owes only the gap after its end, as in this wait: until mend62c (2026-12-07)
            // the record put back owed the whole wait again, the next request sent a whole timeout after a silent line.
            // A wait that read nothing leaves the record as it was.
            last.stillComing = discarded.bytes() == 0 ? coming
                    : coming.heardAt(heard.get(), discarded.replyEnded() ? gap : coming.byteWait());
            // Not said as a line that keeps sending: what was due at the send time (the next transformer read) is.
            NotQuietBySendTime notQuiet = new NotQuietBySendTime(discarded.bytes(), bound, coming.end().asked());
            throw new FieldReadException(FailureKind.TIMEOUT, what + ": " + notQuiet.getMessage(), notQuiet);
        }
        discarded.sayAfterCut(LOG, line, coming.byteWait().toMillis(), coming.bound().toMillis());
    }

    /**
     * Whether {@code reply} could be the answer to {@code request}: from the meter asked (any, for the broadcast address
     * read), and a refusal (which names no identifier) or a reply beginning with the identifier the request's data is
     * (none for the address read); false with no request.
     */
    static boolean answers(Frame request, Frame reply) {
        if (request == null) {
            return false;
        }
        if (!request.address().isBroadcast() && !reply.address().equals(request.address())) {
            return false;
        }
        byte[] id = request.data();
        byte[] d = reply.data();
        return (reply.control() & ControlCode.ABNORMAL) != 0
                || (d.length >= id.length && Arrays.equals(Arrays.copyOf(d, id.length), id));
    }

    private static Frame check(Frame request, Frame reply, Dlt645Version version, String what) throws FieldReadException {
        int c = reply.control();
        if ((c & ControlCode.REPLY) == 0 || (c & ControlCode.FUNCTION) != request.control()) {
            throw garbled(what, String.format("reply control code %02X does not answer %02X", c, request.control()));
        }
        // Before the abnormal bit: another meter's refusal is no refusal of the meter asked (until 2026-12-03 it was
        // reported as its own, which the poller never asks again). A broadcast request is answered from the meter's
        // own address.
        if (!request.address().isBroadcast() && !reply.address().equals(request.address())) {
            ReplyFromOtherAddress other = new ReplyFromOtherAddress(reply.address());
            throw new FieldReadException(FailureKind.GARBLED, what + ": " + other.getMessage(), other);
        }
        if ((c & ControlCode.ABNORMAL) != 0) {
            byte[] d = reply.data();
            MeterRefusal refusal = new MeterRefusal(d.length >= 1 ? d[0] & 0xFF : -1, version);
            throw new FieldReadException(FailureKind.EXCEPTION_RESPONSE, what + ": the meter refused, " + refusal.getMessage(),
                    refusal);
        }
        if ((c & ControlCode.FOLLOWS) != 0) {
            throw garbled(what, "the meter announces follow-up frames, which a single value never needs");
        }
        return reply;
    }

    private static FieldReadException garbled(String what, String why) {
        return new FieldReadException(FailureKind.GARBLED, what + ": " + why, null);
    }

    @Override
    public void close() {
        line.close();
    }
}
