package org.orderly.serial;

import java.util.OptionalInt;

/**
 * What of a Modbus TCP reply has come since the last request was written: how many bytes were read off the socket, the
 * unit id in the header of the frame they began or went on with (its 7th byte: transaction id, protocol id, length,
 * unit id), and the unit id of the reply j2mod parsed, when it read one whole. j2mod reads the reply in its own buffers
 * and, when the read fails or is cut at the exchange's deadline, says nothing of what came: a unit silent, a unit that
 * began to reply, and another unit's reply begun (a TCP-to-RS-485 gateway passing on a late reply of a unit asked
 * before) were alike. Written by the thread that reads, read by it once the request has ended.
 */
final class ReplyHeard {
    /** Where the unit id is in a Modbus TCP frame. */
    private static final int UNIT_AT = 6;

    private volatile int bytes;
    private volatile int headerUnit = -1;
    private volatile int parsedUnit = -1;

    /** A request is written: what is read from now on is its reply. */
    void requestWritten() {
        bytes = 0;
        headerUnit = -1;
        parsedUnit = -1;
    }

    /**
     * {@code n} bytes were read off the socket into {@code buffer} from {@code offset}, none when {@code n} is not
     * above 0; the first of them is byte {@code frameAt} of its frame (0 its first), so that the unit id is taken from
     * where it is in the frame, not from the count since the request (which a frame begun before it would shift).
     */
    void read(byte[] buffer, int offset, int n, int frameAt) {
        if (n <= 0) {
            return;
        }
        if (headerUnit < 0 && frameAt <= UNIT_AT && UNIT_AT < frameAt + n) {
            headerUnit = buffer[offset + UNIT_AT - frameAt] & 0xFF;
        }
        bytes += n;
    }

    /** j2mod read a whole reply, carrying {@code unit}: what it returns or throws (an exception frame) is that. */
    void replyParsed(int unit) {
        parsedUnit = unit;
    }

    /** How many bytes were read off the socket since the last request was written. */
    int bytes() {
        return bytes;
    }

    /**
     * The unit id of the last reply: the whole reply's j2mod parsed, else, its read failed or cut, the header's read
     * since the request was written; empty while neither came.
     */
    OptionalInt unit() {
        int u = parsedUnit >= 0 ? parsedUnit : headerUnit;
        return u < 0 ? OptionalInt.empty() : OptionalInt.of(u);
    }
}
