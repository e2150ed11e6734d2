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
        }, new QuietWait.Quiet(QUIET, 0, 5000, QuietWait.ReplyEnd.UNKNOWN, 10, () -> nanos[0], 50));
    }

    @Test
    void aDripPastTheDripBoundEndsTheWaitThere() {
        // a byte every 20 ms: the second read in a row so slow is a drip, and the read at 60 ms is past the 50 ms bound
        assertThat(paced(20, 1, 20)).isEqualTo(new InputDiscarded(3, false, true));
    }

    @Test
    void aReplyAtLineSpeedReadLateInPiecesIsWaitedForPastTheDripBound() {
        // 8 bytes every 40 ms (a thread held off the processor reading a 2400 baud reply): 5 ms a byte, no drip
        assertThat(paced(40, 8, 6)).isEqualTo(new InputDiscarded(48, true, false));
    }
}
