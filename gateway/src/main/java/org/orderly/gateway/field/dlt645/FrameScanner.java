package org.orderly.gateway.field.dlt645;

/**
 * Finds a frame in bytes received so far. Anything before a frame's first 68 (the FE preamble, line noise)
 * is skipped; a 68 not followed by a second 68 seven bytes on is taken for noise too. A frame whose length,
 * checksum, end byte or address digits are wrong is {@link Scan.Corrupt}: on a half-duplex line it cannot be
 * the start of something better, so the caller gives up the exchange.
 */
public final class FrameScanner {
    private static final int HEADER = 10;

    private FrameScanner() {
    }

    /** What {@link #scan} found. */
    public sealed interface Scan {
        /** Not a whole frame yet: read more. */
        record Incomplete() implements Scan {
        }

        /** A frame, ending just before index {@code end}. */
        record Found(Frame frame, int end) implements Scan {
        }

        /** A frame-shaped sequence that is wrong in the way {@code reason} says. */
        record Corrupt(String reason) implements Scan {
        }
    }

    public static Scan scan(byte[] buf, int len) {
        int start = 0;
        while (true) {
            while (start < len && (buf[start] & 0xFF) != Frame.START) {
                start++;
            }
            if (len - start < HEADER) {
                return new Scan.Incomplete();
            }
            if ((buf[start + 7] & 0xFF) != Frame.START) {
                start++;
                continue;
            }
            int dataLen = buf[start + 9] & 0xFF;
            int total = HEADER + dataLen + 2;
            if (len - start < total) {
                return new Scan.Incomplete();
            }
            int cs = buf[start + HEADER + dataLen] & 0xFF;
            int expected = Frame.checksum(buf, start, HEADER + dataLen);
            if (cs != expected) {
                return new Scan.Corrupt(String.format("checksum %02X, computed %02X", cs, expected));
            }
            int end = buf[start + total - 1] & 0xFF;
            if (end != Frame.END) {
                return new Scan.Corrupt(String.format("frame ends with %02X instead of 16", end));
            }
            MeterAddress address;
            try {
                address = MeterAddress.fromWire(buf, start + 1);
            } catch (IllegalArgumentException e) {
                return new Scan.Corrupt("address bytes are not BCD digits: " + e.getMessage());
            }
            byte[] data = new byte[dataLen];
            for (int i = 0; i < dataLen; i++) {
                data[i] = (byte) (buf[start + HEADER + i] - 0x33);
            }
            return new Scan.Found(new Frame(address, buf[start + 8] & 0xFF, data), start + total);
        }
    }
}
