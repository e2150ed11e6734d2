package org.orderly.gateway.field.dlt645;

import java.util.Arrays;

/** The bytes a test's {@link SerialLine} holds for reading: a reply come and not yet read. */
final class PendingBytes {
    private byte[] bytes = new byte[0];

    void set(byte[] bytes) {
        this.bytes = bytes;
    }

    void clear() {
        bytes = new byte[0];
    }

    boolean isEmpty() {
        return bytes.length == 0;
    }

    /** Moves up to {@code len} of them into {@code buf} at {@code off}: how many moved. */
    int readInto(byte[] buf, int off, int len) {
        int n = Math.min(len, bytes.length);
        System.arraycopy(bytes, 0, buf, off, n);
        bytes = Arrays.copyOfRange(bytes, n, bytes.length);
        return n;
    }
}
