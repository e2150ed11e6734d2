package org.orderly.serial;

import org.slf4j.Logger;

/**
 * What {@link RtuMaster#discardUntilQuiet} (or another {@link QuietWait}) read and threw away.
 *
 * @param bytes how many bytes came and were discarded
 * @param quiet whether the line fell quiet for the wait asked; false when bytes still came at the bound, or the port
 *              failed
 * @param cutInDrip whether the wait ended, not quiet, at its drip bound ({@link QuietWait.Quiet#dripBoundMillis}):
 *                  what came dripped, slower than line speed
 * @param replyEnded whether, when the wait ended, the cut reply was known to have ended ({@link QuietWait.ReplyEnd})
 *                   and nothing after the cut had dripped: only the gap between frames was then owed after the last
 *                   byte read, not the whole quiet. A caller that keeps the cut's record for a later wait (a DL/T 645
 *                   request not sent by its time) carries it there, or that wait owes the whole quiet again (mend62c)
 */
public record InputDiscarded(int bytes, boolean quiet, boolean cutInDrip, boolean replyEnded) {
    public InputDiscarded(int bytes, boolean quiet) {
        this(bytes, quiet, false, false);
    }

    /** The wait ended at its drip bound, what came dripping, after {@code bytes}. */
    static InputDiscarded cutInDrip(int bytes) {
        return new InputDiscarded(bytes, false, true, false);
    }

    /**
     * Says in {@code log} what was discarded on {@code line} before the request after a cut: at DEBUG when the line
     * fell quiet for {@code quietMillis}; else a WARN, the request sent all the same (a unit that keeps sending).
     */
    public void sayAfterCut(Logger log, Object line, long quietMillis, long boundMillis) {
        if (quiet) {
            log.debug("{}: the rest of a reply cut at its deadline ({} bytes) was discarded before the next request", line,
                    bytes);
        } else {
            log.warn("{}: {} bytes came in the {} ms after an exchange cut at its deadline, the line not quiet for {} ms"
                    + " (a unit that keeps sending?); the next request is sent, and may read what still comes as its answer",
                    line, bytes, boundMillis, quietMillis);
        }
    }
}
