package org.orderly.gateway.field.dlt645;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.time.Tick;
import org.orderly.gateway.field.modbus.FailureKind;
import org.orderly.gateway.field.modbus.FieldReadException;
import org.orderly.gateway.field.modbus.MutableClock;

/**
 * A meter whose first reply is cut at the client's 300 ms timeout, on a scripted line and time moved by hand: the
 * request after the cut waits for the rest of that reply, and once its frame is whole only for the line's short quiet
 * (the bus's gap between frames, 10 ms by default), not for the cut exchange's whole 300 ms (docs/dlt645.md, "Protocol as
 * implemented"). Until 2026-12-07 the rest, held by the port and read undated, began the 300 ms quiet anew: the next
 * request was sent 300 ms after it came. Its reply's rest a byte at a time, the request waits for the last byte and the
 * whole quiet after it, a copy dripped as the reply was (a meter answering twice) read to its end; bytes that make no
 * whole frame (lost ones) leave the quiet waited for whole.
 */
class Dlt645CutReplyEndTest {
    private static final MeterAddress METER = new MeterAddress("000000000002");
    /** The transformer's meter, read after the pile meter's cut, on the same line; it reads 7.0 kW. */
    private static final MeterAddress TRANSFORMER = new MeterAddress("000000000009");
    private static final Duration TIMEOUT = Duration.ofMillis(300);

    private final MutableClock time = new MutableClock(Instant.parse("2026-12-07T00:00:00Z"));
    private final List<Long> sentAt = new ArrayList<>();

    @Test
    void theRequestAfterACutReplyThatEndedWaitsOnlyTheShortQuiet() throws Exception {
        Line line = new Line(10, 200, 350, 1);

        assertThat(readTwice(line)).isEqualTo(1.5);

        // the rest came at 350 ms: the next request 10 ms after it, not 300 (at 650, until 2026-12-07)
        assertThat(sentAt).containsExactly(0L, 360L);
    }

    /**
     * The 23-byte reply's 13 last bytes at 350 ms and each 100 ms on, the last at 350 + 12 x 100 = 1550: the request
     * waits for it and, the rest having come dripping (bytes 100 ms apart, wider than the 10 ms gap), the whole 300 ms
     * quiet after it, in which a copy dripped as the reply was would begin (until 2026-12-07 the gap only, at 1560:
     * {@link #aDrippedCopyBegunWithinTheQuietAfterADrippedReplyIsReadToItsEnd}).
     */
    @Test
    void aRestDrippedAByteAtATimeIsWaitedForToItsLastByteAndTheWholeQuietAfter() throws Exception {
        Line line = new Line(10, 200, 350, 100);

        assertThat(readTwice(line)).isEqualTo(1.5);

        assertThat(sentAt).containsExactly(0L, 1850L);
    }

    @Test
    void aRestThatMakesNoWholeFrameLeavesTheQuietWhole() throws Exception {
        Line line = new Line(10, 200, 350, 1);
        line.loseLastByte = true;

        assertThat(readTwice(line)).isEqualTo(1.5);

        // the frame's end byte lost: 300 ms of quiet after the rest
        assertThat(sentAt).containsExactly(0L, 650L);
    }

    /**
     * After the cut the line keeps sending noise (a byte of 00 every 100 ms, from 350 ms to 7250), never quiet for
     * 300 ms: the request goes when the bound has passed on the client's ticker, the reply's 23 bytes each 300 ms apart,
     * 6900 ms from the wait's start at the cut (300 ms): at 7200, no read waiting past it (until a mend later on
     * 2026-12-07 the read waiting at the bound ran on to the next byte, 7250). Until 2026-12-07 the bound was kept on
     * the JVM's clock, which hand-moved time does not move: the wait ran until the noise ended and the line fell
     * quiet, 7550 ms.
     */
    @Test
    void aLineThatKeepsSendingIsWaitedForOnlyToTheBoundOnTheTicker() throws Exception {
        Line line = new Line(10, 200, 350, 100);
        line.noiseUntil = 7250;

        assertThat(readTwice(line)).isEqualTo(1.5);

        assertThat(sentAt).containsExactly(0L, 7200L);
    }

    /**
     * The bus's gap between frames, 50 ms, is the quiet kept after the cut reply's end: the next request at 400 ms, 50
     * after the rest (at 360 until 2026-12-07's fix, a fixed 10 ms whatever the bus's gap).
     */
    @Test
    void theQuietAfterTheCutReplysEndIsTheBussGap() throws Exception {
        Line line = new Line(10, 200, 350, 1);

        assertThat(readTwice(line, new Dlt645Client(line, TIMEOUT, Duration.ofMillis(50), time))).isEqualTo(1.5);

        assertThat(sentAt).containsExactly(0L, 400L);
    }

    /**
     * A pile meter that answers every reply twice (docs/dlt645.md, "Hostile meters"): its reply cut, its rest at 350 ms
     * and its copy at 400, after the wait's end (360): the transformer meter read next passes the copy over, as the
     * last request's answer again, and reads its own. For a while on 2026-12-07 the cut reply never became the line's
     * last answer and the copy was taken for the transformer meter's ({@code GARBLED}, a reply from 000000000002); the
     * whole quiet, until then, had thrown it away.
     */
    @Test
    void aCopyOfTheCutReplyAfterTheWaitIsPassedOverByTheNextMetersRead() throws Exception {
        Line line = new Line(10, 200, 350, 1);
        line.copyAt = 400;

        assertThat(pileThenTransformer(line)).isEqualTo(7.0);

        assertThat(sentAt).containsExactly(0L, 360L);
    }

    /**
     * The pile meter's reply and its copy both dripped a byte every 100 ms (a converter dripping every byte), the copy
     * 200 ms after the reply's last byte: the rest came dripping, so the quiet after the reply's end is the whole 300 ms,
     * within which the copy begins; the copy is read to its last byte (at 1750 + 22 x 100 = 3950) and the whole quiet
     * after it, and the transformer meter, asked at 4250, answers. Until 2026-12-07 (since that day's early end of the
     * wait) the request went at 1560, 10 ms after the reply's end, and the copy cut the transformer meter's read:
     * {@code TIMEOUT ... no complete reply within 300 ms}.
     */
    @Test
    void aDrippedCopyBegunWithinTheQuietAfterADrippedReplyIsReadToItsEnd() throws Exception {
        assertThat(requestsAroundACopyDrippedFrom(1750, new Line(10, 200, 350, 100))).containsExactly(0L, 4250L);
    }

    /**
     * The pile meter's rest at once at 350 ms (no drip seen), but its copy begun 5 ms later, within the gap, and dripped
     * a byte every 100 ms: the bytes after the reply's end make no whole frame yet, so the wait reads on, each within the
     * whole quiet, to the copy's last byte (355 + 22 x 100 = 2555) and, the copy having come dripping, the whole quiet
     * after it: the transformer meter asked at 2855 answers. Until 2026-12-07 the wait ended 10 ms after the copy's
     * first byte and the rest of the copy cut the transformer meter's read.
     */
    @Test
    void aDrippedCopyBegunWithinTheGapIsReadToItsEnd() throws Exception {
        assertThat(requestsAroundACopyDrippedFrom(355, new Line(10, 200, 350, 1))).containsExactly(0L, 2855L);
    }

    /**
     * When the pile meter's request and the transformer meter's were sent, the pile meter's reply sent again a byte every
     * 100 ms from {@code copyAt} ms after its request; the transformer meter's read must answer its 7.0.
     */
    private List<Long> requestsAroundACopyDrippedFrom(long copyAt, Line line) throws Exception {
        line.copyAt = copyAt;
        line.copyEvery = 100;
        assertThat(pileThenTransformer(line)).isEqualTo(7.0);
        return sentAt;
    }

    /** The pile meter's read, cut at its deadline, then the transformer meter's value. */
    private double pileThenTransformer(Line line) throws Exception {
        Dlt645Client client = new Dlt645Client(line, TIMEOUT, time);
        catchThrowableOfType(() -> client.read(METER, DataId.POWER_TOTAL), FieldReadException.class);
        return client.read(TRANSFORMER, DataId.POWER_TOTAL);
    }

    /** Reads the meter's total power twice: the first cut at its deadline, the second's value. */
    private double readTwice(Line line) throws Exception {
        return readTwice(line, new Dlt645Client(line, TIMEOUT, time));
    }

    private double readTwice(Line line, Dlt645Client client) throws Exception {
        FieldReadException cut = catchThrowableOfType(() -> client.read(METER, DataId.POWER_TOTAL),
                FieldReadException.class);
        assertThat(cut.kind()).as(cut.getMessage()).isEqualTo(FailureKind.TIMEOUT);
        assertThat(client.cutReplyPending()).isTrue();
        return client.read(METER, DataId.POWER_TOTAL);
    }

    private long millis() {
        return Duration.ofNanos(time.now().nanos()).toMillis();
    }

    /**
     * The meter: its first reply's first {@code firstBytes} bytes {@code firstAt} ms after the request, its
     * rest from {@code restAt} ms after it, a byte each {@code restEvery} ms (all at once when 1); every later reply
     * whole 100 ms after its request.
     */
    private final class Line implements SerialLine {
        private final int firstBytes;
        private final long firstAt;
        private final long restAt;
        private final long restEvery;
        /** The bytes to come, each with when it comes. */
        private final Deque<Tick> when = new ArrayDeque<>();
        private final Deque<Byte> bytes = new ArrayDeque<>();
        boolean loseLastByte;
        /** When set, its first reply's rest is noise instead, a byte each {@code restEvery} ms until this many ms. */
        long noiseUntil;
        /** When set, the first reply is sent again whole this many ms after its request (a meter answering twice). */
        long copyAt;
        /** When set, that copy comes a byte each this many ms from {@code copyAt} on (a converter dripping it too). */
        long copyEvery;

        Line(int firstBytes, long firstAt, long restAt, long restEvery) {
            this.firstBytes = firstBytes;
            this.firstAt = firstAt;
            this.restAt = restAt;
            this.restEvery = restEvery;
        }

        @Override
        public void discardInput() {
            while (!when.isEmpty() && !time.now().isBefore(when.peekFirst())) {
                when.pollFirst();
                bytes.pollFirst();
            }
        }

        @Override
        public void write(byte[] request) {
            sentAt.add(millis());
            MeterAddress asked = ((FrameScanner.Scan.Found) FrameScanner.scan(request, request.length)).frame().address();
            byte[] value = DataId.POWER_TOTAL.encode(asked.equals(TRANSFORMER) ? 7.0 : 1.5);
            byte[] data = Arrays.copyOf(DataId.POWER_TOTAL.wireBytes(), 4 + value.length);
            System.arraycopy(value, 0, data, 4, value.length);
            byte[] reply = new Frame(asked, ControlCode.REPLY | ControlCode.READ_DATA, data).withPreamble();
            Tick sent = time.now();
            if (sentAt.size() > 1) {
                for (byte b : reply) {
                    come(sent.plus(Duration.ofMillis(100)), b);
                }
                return;
            }
            for (int i = 0; i < firstBytes; i++) {
                come(sent.plus(Duration.ofMillis(firstAt)), reply[i]);
            }
            if (noiseUntil > 0) {
                for (long at = restAt; at <= noiseUntil; at += restEvery) {
                    come(sent.plus(Duration.ofMillis(at)), (byte) 0);
                }
                return;
            }
            int last = loseLastByte ? reply.length - 1 : reply.length;
            for (int i = firstBytes; i < last; i++) {
                long at = restAt + (restEvery == 1 ? 0 : (i - firstBytes) * restEvery);
                come(sent.plus(Duration.ofMillis(at)), reply[i]);
            }
            if (copyAt > 0) {
                for (int i = 0; i < reply.length; i++) {
                    come(sent.plus(Duration.ofMillis(copyAt + i * copyEvery)), reply[i]);
                }
            }
        }

        private void come(Tick at, byte b) {
            when.addLast(at);
            bytes.addLast(b);
        }

        @Override
        public int read(byte[] buf, int off, int len, Duration wait) {
            Tick end = time.now().plus(wait);
            if (when.isEmpty() || end.isBefore(when.peekFirst())) {
                time.advance(wait);
                return 0;
            }
            Tick first = when.peekFirst();
            if (time.now().isBefore(first)) {
                time.advance(first.since(time.now()));
            }
            int n = 0;
            while (n < len && !when.isEmpty() && !time.now().isBefore(when.peekFirst())) {
                when.pollFirst();
                buf[off + n++] = bytes.pollFirst();
            }
            return n;
        }

        @Override
        public void close() {
        }
    }
}
