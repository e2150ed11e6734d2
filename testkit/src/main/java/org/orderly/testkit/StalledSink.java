package org.orderly.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

/**
 * An output whose writes wait until it is opened, as a write to a full pipe waits for its reader (a journal that
 * stopped reading); then it keeps what is written.
 */
public final class StalledSink extends OutputStream {
    private final CountDownLatch opened = new CountDownLatch(1);
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();

    /** Lets the writes waiting, and every later one, through. */
    public void open() {
        opened.countDown();
    }

    /** What has been written so far, as UTF-8. */
    public String text() {
        synchronized (written) {
            return written.toString(StandardCharsets.UTF_8);
        }
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        try {
            opened.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the sink stalled", e);
        }
        synchronized (written) {
            written.write(b, off, len);
        }
    }
}
