package org.orderly.gateway.field.dlt645;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/** A line passing everything on to another: a test overrides what it watches or breaks (a write, a close). */
abstract class ForwardingLine implements SerialLine {
    private final SerialLine line;

    ForwardingLine(SerialLine line) {
        this.line = line;
    }

    @Override
    public void discardInput() throws IOException {
        line.discardInput();
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        line.write(bytes);
    }

    @Override
    public int read(byte[] buf, int off, int len, Duration wait) throws IOException {
        return line.read(buf, off, len, wait);
    }

    @Override
    public Optional<Duration> byteTime() {
        return line.byteTime();
    }

    @Override
    public void close() {
        line.close();
    }

    @Override
    public String toString() {
        return line.toString();
    }
}
