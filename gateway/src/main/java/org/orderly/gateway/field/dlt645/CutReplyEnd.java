package org.orderly.gateway.field.dlt645;

import java.util.Arrays;
import org.orderly.serial.QuietWait;

/**
 * Tells when a DL/T 645 reply cut at its deadline has ended ({@link QuietWait.ReplyEnd}): once the bytes read before
 * the cut and after it hold a whole frame that answers the cut request (from the meter asked, about the identifier
 * asked, or its refusal), its end byte come, so no byte of it is left to come. Our own request echoed by an adapter, or
 * the last request's answer repeated, is passed over as the exchange passes over it ({@link Dlt645Client}); bytes that
 * make no whole frame (noise, a corrupt frame, bytes lost) tell no end, and the quiet is waited for whole. The whole
 * reply found is kept ({@link #whole}): a meter that answers twice sends it again, perhaps after the wait has ended, and
 * the next exchange passes the copy over only if it knows it for the last answer (until 2026-12-07 it did not, and read
 * the copy as the next meter's answer, {@code GARBLED}: {@code Dlt645CutReplyEndTest}).
 */
final class CutReplyEnd implements QuietWait.ReplyEnd {
    private final Frame request;
    private byte[] seen;
    /** The cut request's answer, once its frame is whole; null until then. */
    private Frame whole;

    /**
     * @param request   the request whose reply was cut
     * @param beforeCut what was read of the reply before the cut
     */
    CutReplyEnd(Frame request, byte[] beforeCut) {
        this.request = request;
        this.seen = beforeCut.clone();
    }

    /**
     * True while the cut request's answer has come whole and every byte after it has made a whole frame too: bytes after
     * it that make none yet are something more still coming (a meter answering twice sends its copy), which the wait
     * reads to its end, or noise, for which the quiet is waited for whole.
     */
    @Override
    public boolean endedWith(byte[] buffer, int n) {
        int had = seen.length;
        seen = Arrays.copyOf(seen, had + n);
        System.arraycopy(buffer, 0, seen, had, n);
        while (FrameScanner.scan(seen, seen.length) instanceof FrameScanner.Scan.Found found) {
            if (whole == null && Dlt645Client.answers(request, found.frame())
                    && !Arrays.equals(found.frame().bytes(), request.bytes())) {
                whole = found.frame();
            }
            seen = Arrays.copyOfRange(seen, found.end(), seen.length);
        }
        return whole != null && seen.length == 0;
    }

    /** The meter the cut request asked (the broadcast address for an address read). */
    MeterAddress asked() {
        return request.address();
    }

    /** The cut request's answer, its frame whole, once {@link #endedWith} has said so; null until then (or never). */
    Frame whole() {
        return whole;
    }
}
