package org.orderly.gateway.field.dlt645;

import java.io.IOException;
import java.time.Duration;

/** A half-duplex byte line (an RS-485 port): what a {@link Dlt645Client} needs of it. Not thread-safe. */
public interface SerialLine extends AutoCloseable {

    /** Drops whatever arrived and was not read: a late answer must not be taken for the next one. */
    void discardInput() throws IOException;

    void write(byte[] bytes) throws IOException;

    /** Reads what is available into {@code buf}, waiting at most {@code wait}; returns 0 when nothing came. */
    int read(byte[] buf, int off, int len, Duration wait) throws IOException;

    @Override
    void close();
}
