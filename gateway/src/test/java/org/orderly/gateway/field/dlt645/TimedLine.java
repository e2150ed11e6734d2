package org.orderly.gateway.field.dlt645;

import java.time.Duration;
import java.util.TreeMap;
import org.orderly.gateway.core.time.Tick;
import org.orderly.gateway.field.modbus.MutableClock;

/**
 * A line whose meters' bytes each come at a time on the test's clock, which a read moves on as the port would wait:
 * two senders' bytes interleave in time order. A test says what comes when in its {@link #write}.
 */
abstract class TimedLine implements SerialLine {
    private final MutableClock time;
    private final TreeMap<Long, Byte> coming = new TreeMap<>(); // by nanos on the ticker; one byte a nanosecond

    TimedLine(MutableClock time) {
        this.time = time;
    }

    /** Bytes {@code from} to {@code to} of {@code bytes}, the first {@code ms} after {@code at}; the last one's ms. */
    final long comeAt(Tick at, long ms, byte[] bytes, int from, int to, long msAByte) {
        long last = ms;
        for (int i = from; i < to; i++) {
            last = ms + (i - from) * msAByte;
            long nanos = at.plus(Duration.ofMillis(last)).nanos();
            while (coming.containsKey(nanos)) {
                nanos++;
            }
            coming.put(nanos, bytes[i]);
        }
        return last;
    }

    @Override
    public final void discardInput() {
        coming.headMap(time.now().nanos(), true).clear();
    }

    @Override
    public final int read(byte[] buf, int off, int len, Duration wait) {
        Tick end = time.now().plus(wait);
        if (coming.isEmpty() || end.isBefore(new Tick(coming.firstKey()))) {
            time.advance(wait);
            return 0;
        }
        Tick first = new Tick(coming.firstKey());
        if (time.now().isBefore(first)) {
            time.advance(first.since(time.now()));
        }
        int n = 0;
        while (n < len && !coming.isEmpty() && coming.firstKey() <= time.now().nanos()) {
            buf[off + n++] = coming.pollFirstEntry().getValue();
        }
        return n;
    }

    @Override
    public void close() {
    }
}
