package org.orderly.serial;

import java.util.OptionalInt;

/**
 * What of a Modbus TCP reply has been read since the last request was written: how many bytes, and the unit id in its
 * header once that byte came (the 7th: transaction id, protocol id, length, unit id). j2mod reads the reply in its own
 * buffers and, when the read fails or is cut at the exchange's deadline, says nothing of what came: a unit silent, a
 * unit that began to reply, and another unit's reply begun (a TCP-to-RS-485 gateway passing on a late reply of a unit
 * asked before) were alike. Written by the thread that reads, read by it once the request has ended.
 */
final class ReplyHeard {
    /** Where the unit id is in a Modbus TCP frame. */
    private static final int UNIT_AT = 6;

    private volatile int bytes;
    private volatile int unit = -1;

    /** A request is written: what is read from now on is its reply. */
    void requestWritten() {
        bytes = 0;
        unit = -1;
    }

    /** {@code n} bytes were read into {@code buffer} from {@code offset}; none when {@code n} is not above 0. */
    void read(byte[] buffer, int offset, int n) {
        if (n <= 0) {
            return;
        }
        int before = bytes;
        if (before <= UNIT_AT && UNIT_AT < before + n) {
            unit = buffer[offset + UNIT_AT - before] & 0xFF;
        }
        bytes = before + n;
    }

    /** How many bytes were read since the last request was written. */
    int bytes() {
        return bytes;
    }

    /** The unit id in the header read since the last request was written; empty while that byte has not come. */
    OptionalInt unit() {
        int u = unit;
        return u < 0 ? OptionalInt.empty() : OptionalInt.of(u);
    }
}
