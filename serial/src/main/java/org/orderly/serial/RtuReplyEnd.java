package org.orderly.serial;

import java.util.Arrays;

/**
 * Tells when a Modbus RTU reply cut at its deadline has ended ({@link QuietWait.ReplyEnd}), from the bytes of it read
 * before the cut and those read after: its length is in its head (an exception reply 5 bytes; a read's 5 and the byte
 * count its third byte says; a write's 8), and it has ended once that many have come. Bytes lost while the port was
 * closed under the cut only leave it short: the quiet is then waited for whole, as before, never ended early. Its
 * head not seen whole (fewer than 3 bytes before and after), or a function it does not know, tells no end.
 */
public final class RtuReplyEnd implements QuietWait.ReplyEnd {
    private static final int EXCEPTION_BIT = 0x80;
    private byte[] seen;

    /** @param beforeCut the reply's bytes read before the cut, from its first (the unit's address) */
    public RtuReplyEnd(byte[] beforeCut) {
        this.seen = beforeCut.clone();
    }

    @Override
    public boolean endedWith(byte[] buffer, int n) {
        int had = seen.length;
        seen = Arrays.copyOf(seen, had + n);
        System.arraycopy(buffer, 0, seen, had, n);
        int length = length();
        return length > 0 && seen.length >= length;
    }

    /** The whole reply's length in bytes, as its head says; 0 while that is not known. */
    private int length() {
        if (seen.length < 2) {
            return 0;
        }
        int function = seen[1] & 0xFF;
        if ((function & EXCEPTION_BIT) != 0) {
            return 5;
        }
        return switch (function) {
            case 1, 2, 3, 4 -> seen.length < 3 ? 0 : 5 + (seen[2] & 0xFF);
            case 5, 6, 15, 16 -> 8;
            default -> 0;
        };
    }
}
