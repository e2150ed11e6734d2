package org.orderly.serial;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@link QuietWait}'s last read before the bound is asked to wait only to the bound. A read that honours that wait and
 * comes back with nothing sooner than the quiet leaves the line not known quiet; a read that waits its port's own quiet
 * (the Modbus RTU master's) ignores it, and its nothing after a whole quiet is a quiet line (read59k: until this, the
 * RTU master said such a line not quiet and the gateway logged a false "a unit that keeps sending?" WARN). Time is a
 * fake clock each read moves on by what it waited.
 */
class QuietWaitTest {
    private static final int QUIET = 300;
    private static final long BOUND = 500;

    /** Bytes at 100, 200 and 300 ms, then nothing: a read waits {@code waitOfNone} ms before it comes back with none. */
    private static final class DrippingThenQuiet {
        long nanos;
        int reads;

        int read(byte[] buffer, int waitOfNone) {
            if (reads++ < 3) {
                nanos += 100_000_000L;
                buffer[0] = 1;
                return 1;
            }
            nanos += waitOfNone * 1_000_000L;
            return 0;
        }

        QuietWait.Quiet quiet() {
            return new QuietWait.Quiet(QUIET, 0, BOUND, QuietWait.ReplyEnd.UNKNOWN, QUIET, () -> nanos);
        }
    }

    @Test
    void aReadThatWaitsItsPortsOwnQuietPastTheBoundFindsTheLineQuiet() {
        DrippingThenQuiet line = new DrippingThenQuiet();

        InputDiscarded discarded = QuietWait.discard((buffer, wait) -> line.read(buffer, QUIET), line.quiet());

        assertThat(discarded).isEqualTo(new InputDiscarded(3, true));
    }

    @Test
    void aReadCutAtTheBoundThatComesBackSoonerThanTheQuietLeavesTheLineNotKnownQuiet() {
        DrippingThenQuiet line = new DrippingThenQuiet();
        int[] lastWait = new int[1];

        InputDiscarded discarded = QuietWait.discard((buffer, wait) -> {
            lastWait[0] = wait;
            return line.read(buffer, wait);
        }, line.quiet());

        assertThat(lastWait[0]).as("the last read's wait, cut at the bound").isEqualTo(200);
        assertThat(discarded).isEqualTo(new InputDiscarded(3, false));
    }

    /**
     * Reads whose bytes come {@code msApart} after the read before, {@code bytesEach} at a time, {@code reads} of them,
     * then nothing; a drip bound of 50 ms and a 10 ms gap (a byte slower than every 10 ms is a drip).
     */
    private static InputDiscarded paced(long msApart, int bytesEach, int reads) {
        long[] nanos = {0};
        int[] done = {0};
        return QuietWait.discard((buffer, wait) -> {
            if (done[0]++ < reads) {
                nanos[0] += msApart * 1_000_000L;
                return bytesEach;
            }
            nanos[0] += wait * 1_000_000L;
            return 0;
        }, new QuietWait.Quiet(QUIET, 0, 5000, QuietWait.ReplyEnd.UNKNOWN, 10, () -> nanos[0], 50, AT_2400_BAUD));
    }

    /** A byte's time at 2400 and at 1200 baud 8E1 (11 bits a byte), in nanoseconds. */
    private static final long AT_2400_BAUD = 11 * 1_000_000_000L / 2400;
    private static final long AT_1200_BAUD = 11 * 1_000_000_000L / 1200;

    /**
     * Bytes that come one at a time, each at its time in {@code msOfEach} after the wait began: a read takes every byte
     * come by then, waiting for the next one if it comes within its wait, as a port does. A drip bound of
     * {@code dripBoundMs}, the gap {@code gapMs}, a byte {@code byteNanos} on the line (0: not known).
     */
    private static InputDiscarded arriving(double[] msOfEach, int gapMs, long byteNanos, long dripBoundMs) {
        long[] nanos = {0};
        int[] next = {0};
        return QuietWait.discard((buffer, wait) -> {
            long waitEnd = nanos[0] + wait * 1_000_000L;
            if (next[0] == msOfEach.length || at(msOfEach[next[0]]) > waitEnd) {
                nanos[0] = waitEnd;
                return 0;
            }
            nanos[0] = Math.max(nanos[0], at(msOfEach[next[0]]));
            int n = 0;
            while (next[0] < msOfEach.length && at(msOfEach[next[0]]) <= nanos[0]) {
                next[0]++;
                n++;
            }
            return n;
        }, new QuietWait.Quiet(QUIET, 0, 5000, QuietWait.ReplyEnd.UNKNOWN, gapMs, () -> nanos[0], dripBoundMs, byteNanos));
    }

    private static long at(double ms) {
        return Math.round(ms * 1_000_000);
    }

    /** {@code count} bytes from {@code fromMs} on, {@code msApart}, each moved by {@code jitterMs} in turn. */
    private static double[] bytesFrom(double fromMs, double msApart, int count, double... jitterMs) {
        double[] times = new double[count];
        for (int i = 0; i < count; i++) {
            times[i] = fromMs + i * msApart + (jitterMs.length == 0 ? 0 : jitterMs[i % jitterMs.length]);
        }
        return times;
    }

    @Test
    void aReplyAtLineSpeedAt1200BaudIsNoDripThoughItsBytesComeAMillisecondLateOrEarly() {
        // 9.17 ms a byte, 1 ms either way: bytes 10.17 ms apart twice in a row, slower than the 10 ms gap (read61c: until
        // 2026-12-07 taken for a drip, about 1 in 10 such replies on a loaded machine); not slower than 2 bytes' time
        double[] reply = bytesFrom(5, AT_1200_BAUD / 1e6, 27, -1, 0, 1);

        assertThat(arriving(reply, 10, AT_1200_BAUD, 0)).isEqualTo(new InputDiscarded(27, true, false, false));
    }

    @Test
    void aDripIsStillADripAt1200Baud() {
        assertThat(arriving(bytesFrom(5, 40, 27), 10, AT_1200_BAUD, 50)).isEqualTo(new InputDiscarded(3, false, true, false));
    }

    @Test
    void whereTheBaudIsNotKnownAndTheGapIs0AReplyAtLineSpeedIsNoDripAndOneDrippedIs() {
        // a DL/T 645 bus over TCP (gap 0 by default): until 2026-12-07 any two reads in a row were "slower" than 0 ms
        assertThat(arriving(bytesFrom(5, 5, 27), 0, 0, 0)).isEqualTo(new InputDiscarded(27, true, false, false));
        assertThat(arriving(bytesFrom(5, 40, 27), 0, 0, 50)).isEqualTo(new InputDiscarded(3, false, true, false));
    }

    @Test
    void aReplyAtLineSpeedAfterADripIsWaitedForPastTheDripBound() {
        // 3 bytes dripped 40 ms apart (a drip by 85 ms, before the 100 ms bound), then a copy at line speed from 90 ms
        // to past the bound: waited for to its end and the quiet after it (until 2026-12-07 the drip once seen held,
        // and the wait was cut at the copy's first byte past the bound, the request sent into the copy)
        double[] drip = bytesFrom(5, 40, 3);
        double[] copy = bytesFrom(90, AT_2400_BAUD / 1e6, 27);
        double[] both = new double[drip.length + copy.length];
        System.arraycopy(drip, 0, both, 0, drip.length);
        System.arraycopy(copy, 0, both, drip.length, copy.length);

        assertThat(arriving(both, 10, AT_2400_BAUD, 100)).isEqualTo(new InputDiscarded(30, true, false, false));
    }

    @Test
    void aDripPastTheDripBoundEndsTheWaitThere() {
        // a byte every 20 ms: the second read in a row so slow is a drip, and the read at 60 ms is past the 50 ms bound
        assertThat(paced(20, 1, 20)).isEqualTo(new InputDiscarded(3, false, true, false));
    }

    @Test
    void aReplyAtLineSpeedReadLateInPiecesIsWaitedForPastTheDripBound() {
        // 8 bytes every 40 ms (a thread held off the processor reading a 2400 baud reply): 5 ms a byte, no drip
        assertThat(paced(40, 8, 6)).isEqualTo(new InputDiscarded(48, true, false, false));
    }
}
