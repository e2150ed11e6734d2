package org.orderly.serial;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * A socket's input read a Modbus TCP frame at a time: no read goes past the end of the frame it is in (its length is
 * in its header's 5th and 6th bytes), and each read is told to {@link ReplyHeard} with where in its frame it began.
 * j2mod's TCP transport reads the socket through a {@code BufferedInputStream} (3.3.0), which fills itself with all the
 * socket holds: a reply and a late frame of another unit come in one TCP segment (a TCP-to-RS-485 gateway passing it
 * on) left that frame in j2mod's buffer, read as the next request's reply without a byte off the socket, so that
 * nothing said whose it was. Bounded so, j2mod's buffer holds no more than the frame it reads, and what is read since a
 * request is written is its reply's frame, counted.
 */
final class FrameBoundedInput extends FilterInputStream {
    /** A frame's header before its unit id: transaction id, protocol id, and the length of what follows. */
    private static final int HEADER = 6;
    private static final int LENGTH_AT = 4;

    private final ReplyHeard heard;
    /** How many bytes of the current frame were read. */
    private int frameAt;
    /** The length field of the current frame, as far as it was read. */
    private int length;
    /** The current frame's whole size, known once its header was read; -1 until then. */
    private int frameSize = -1;

    FrameBoundedInput(InputStream socketInput, ReplyHeard heard) {
        super(socketInput);
        this.heard = heard;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int wanted) throws IOException {
        Objects.checkFromIndexSize(offset, wanted, buffer.length);
        if (wanted == 0) {
            return 0;
        }
        int n = in.read(buffer, offset, Math.min(wanted, leftInFrame()));
        if (n > 0) {
            heard.read(buffer, offset, n, frameAt);
            follow(buffer, offset, n);
        }
        return n;
    }

    /** Skipped bytes are read, so that they are counted and the frame followed. */
    @Override
    public long skip(long n) throws IOException {
        if (n <= 0) {
            return 0;
        }
        return Math.max(0, read(new byte[(int) Math.min(n, 512)]));
    }

    /** What may be read without blocking, within the current frame. */
    @Override
    public int available() throws IOException {
        return Math.min(in.available(), leftInFrame());
    }

    /** No mark: a reset would read again what the frame's count has passed. */
    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public synchronized void mark(int limit) {
        // not supported (markSupported): nothing to mark
    }

    @Override
    public synchronized void reset() throws IOException {
        throw new IOException("mark/reset not supported: a Modbus TCP frame is read once");
    }

    /** How many bytes may be read before the current frame's header ends, or the frame once the header came. */
    private int leftInFrame() {
        return frameAt < HEADER ? HEADER - frameAt : frameSize - frameAt;
    }

    /** Follows the current frame through {@code n} bytes read of it, never past its end ({@link #leftInFrame}). */
    private void follow(byte[] buffer, int offset, int n) {
        for (int i = 0; i < n && frameAt + i < HEADER; i++) {
            if (frameAt + i >= LENGTH_AT) {
                length = (length << 8) | (buffer[offset + i] & 0xFF);
            }
        }
        frameAt += n;
        if (frameAt == HEADER) {
            frameSize = HEADER + length;
        }
        if (frameAt == frameSize) {
            frameAt = 0;
            length = 0;
            frameSize = -1;
        }
    }
}
