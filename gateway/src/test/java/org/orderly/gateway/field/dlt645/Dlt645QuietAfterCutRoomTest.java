package org.orderly.gateway.field.dlt645;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.time.Tick;
import org.orderly.gateway.field.modbus.BusTiming;
import org.orderly.gateway.field.modbus.LatestReadings;
import org.orderly.gateway.field.modbus.MeterRole;
import org.orderly.gateway.field.modbus.MutableClock;
import org.orderly.gateway.field.modbus.PollListener;

/**
 * A transformer meter and a pile meter on one DL/T 645 line, on time moved by hand (1000 ms cycle, 300 ms timeout,
 * 2 retries): the pile meter sends 8 bytes of its reply, then nothing, and its exchange is cut at its timeout. The
 * request after the cut waits for the line to fall quiet for that timeout (docs/dlt645.md, "The line"), counting the
 * quiet since the reply's last byte, and the poller does not retry the pile meter in that cycle: the transformer meter
 * is asked on time every cycle (review read57d found it 300 ms and more late each cycle).
 */
class Dlt645QuietAfterCutRoomTest {
    private static final MeterAddress TX = new MeterAddress("000000000001");
    private static final MeterAddress PILE = new MeterAddress("000000000002");

    private final MutableClock time = new MutableClock(Instant.parse("2026-12-07T00:00:00Z"));
    private final List<String> sent = new ArrayList<>();

    /**
     * Its 8 bytes at once: no retry after the cut in its cycle (a meter that dripped its reply drips the retry's, and
     * the rest of a cut reply come after the cut, held by the port undated, would begin the retry's wait anew: read57f,
     * a byte at 350 ms after a cut at 300, the retry sent at 775 ms and the transformer asked at 1445), and the next
     * request, the line long quiet, waits no more: the transformer meter is asked on time (until 2026-12-07 the retry
     * waited 300 ms more, ended past the cycle, and the transformer meter was asked at 1360 ms).
     */
    @Test
    void aCutIsNotRetriedInItsCycleAndTheTransformerIsAskedOnTime() throws Exception {
        pollThreeCycles(Duration.ZERO);

        // Its third failure in a row is asked once more at the cycle's end, in the room left (LateAsks), as any
        assertThat(sent).containsExactly("tx 0", "pile 105", "tx 1000", "pile 1105", "tx 2000", "pile 2105", "pile 2430");
    }

    /**
     * Its 8 bytes 290 ms after the request, 10 ms before the cut: no retry, and the next request waits for the quiet
     * it owes (until 2026-12-07 the retry was sent: the transformer meter asked late).
     */
    @Test
    void noRetryAfterACutWhenTheQuietItWaitsForLeavesNoRoom() throws Exception {
        pollThreeCycles(Duration.ofMillis(290));

        assertThat(sent).containsExactly("tx 0", "pile 105", "tx 1000", "pile 1105", "tx 2000", "pile 2105");
    }

    /**
     * The transformer meter cut so, the pile meter answering whole: the transformer meter's retry is not sent in that
     * cycle either, the Modbus poller's rule with the same inputs ({@code RetryAfterCut}; until 2026-12-07 the DL/T 645
     * poller gave it "a pile meter" and sent the transformer meter's retry in the cycle, cut again).
     */
    @Test
    void aTransformerMetersCutIsNotRetriedInItsCycleEither() throws Exception {
        pollThreeCycles(TX, Duration.ZERO);

        // Its third failure in a row, a line's one transformer meter, is asked once more in the WARN (LateAsks), as any
        assertThat(sent).containsExactly("tx 0", "pile 325", "tx 1000", "pile 1325", "tx 2000", "tx 2325");
    }

    private void pollThreeCycles(Duration pileBytesAfter) throws InterruptedException {
        pollThreeCycles(PILE, pileBytesAfter);
    }

    private void pollThreeCycles(MeterAddress cut, Duration bytesAfter) throws InterruptedException {
        BusTiming timing = new BusTiming(Duration.ofMillis(1000), Duration.ofMillis(5), Duration.ofMillis(300), 2,
                Duration.ofMillis(10), Duration.ofMillis(40));
        Dlt645Meter tx = new Dlt645Meter("tx", TX, MeterRole.TRANSFORMER, List.of(DataId.POWER_TOTAL));
        Dlt645Meter pile = new Dlt645Meter("p1", PILE, MeterRole.PILE, List.of(DataId.POWER_TOTAL));
        Line line = new Line(cut, bytesAfter);
        Dlt645Poller poller = Dlt645Pollers.onSerialPort("shared", () -> line, timing, List.of(tx, pile), new LatestReadings(),
                PollListener.NONE, time, time, time);
        for (int cycle = 0; cycle < 3; cycle++) {
            poller.runCycle();
        }
    }

    /**
     * The meter at {@code cut} sends the first 8 bytes of its reply {@code bytesAfter} after its request has gone (20 ms
     * on the wire), its rest never; the other answers whole 100 ms after its request.
     */
    private final class Line implements SerialLine {
        private final MeterAddress cut;
        private final Duration bytesAfter;
        private final PendingBytes pending = new PendingBytes();
        private Tick pendingFrom;

        Line(MeterAddress cut, Duration bytesAfter) {
            this.cut = cut;
            this.bytesAfter = bytesAfter;
        }

        @Override
        public void discardInput() {
            pending.clear();
        }

        @Override
        public void write(byte[] bytes) {
            Frame request = ((FrameScanner.Scan.Found) FrameScanner.scan(bytes, bytes.length)).frame();
            boolean isTx = request.address().equals(TX);
            sent.add((isTx ? "tx " : "pile ") + Duration.ofNanos(time.now().nanos()).toMillis());
            byte[] value = DataId.POWER_TOTAL.encode(1.5);
            byte[] data = Arrays.copyOf(DataId.POWER_TOTAL.wireBytes(), 4 + value.length);
            System.arraycopy(value, 0, data, 4, value.length);
            byte[] reply = new Frame(request.address(), ControlCode.REPLY | ControlCode.READ_DATA, data).withPreamble();
            if (!request.address().equals(cut)) {
                time.advance(Duration.ofMillis(100));
                pending.set(reply);
                pendingFrom = time.now();
            } else {
                time.advance(Duration.ofMillis(20));
                pending.set(Arrays.copyOf(reply, 8));
                pendingFrom = time.now().plus(bytesAfter);
            }
        }

        @Override
        public int read(byte[] buf, int off, int len, Duration wait) {
            Duration untilBytes = pending.isEmpty() ? null : pendingFrom.since(time.now());
            if (untilBytes == null || untilBytes.compareTo(wait) > 0) {
                time.advance(wait);
                return 0;
            }
            if (!untilBytes.isNegative() && !untilBytes.isZero()) {
                time.advance(untilBytes);
            }
            return pending.readInto(buf, off, len);
        }

        @Override
        public void close() {
        }
    }
}
