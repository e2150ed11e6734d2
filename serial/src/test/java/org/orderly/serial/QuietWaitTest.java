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
}
