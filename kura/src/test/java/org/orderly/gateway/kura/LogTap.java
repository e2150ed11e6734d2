package org.orderly.gateway.kura;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The lines of the test JVM's standard error while tapped, still written through. The bundle logs through the
 * framework's SLF4J, which is the test's slf4j-simple; it looks {@code System.err} up at each line, so the bundle's log
 * lines are here as an installer would read them in Kura's log.
 */
final class LogTap implements AutoCloseable {
    private final PrintStream original = System.err;
    private final List<String> lines = new ArrayList<>();

    private LogTap() {
        System.setErr(new PrintStream(new Splitter(), true, StandardCharsets.UTF_8));
    }

    static LogTap start() {
        return new LogTap();
    }

    /** How many lines have been seen so far: a mark for {@link #since}. */
    synchronized int mark() {
        return lines.size();
    }

    /** The lines seen after {@code mark}. */
    synchronized List<String> since(int mark) {
        return List.copyOf(lines.subList(mark, lines.size()));
    }

    @Override
    public void close() {
        System.setErr(original);
    }

    private final class Splitter extends OutputStream {
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            synchronized (LogTap.this) {
                original.write(b, off, len);
                for (int i = off; i < off + len; i++) {
                    if (b[i] == '\n') {
                        lines.add(line.toString(StandardCharsets.UTF_8));
                        line.reset();
                    } else {
                        line.write(b[i]);
                    }
                }
            }
        }

        @Override
        public void flush() {
            original.flush();
        }
    }
}
