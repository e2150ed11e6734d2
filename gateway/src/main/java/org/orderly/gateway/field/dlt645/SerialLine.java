package org.orderly.gateway.field.dlt645;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.serial.InputDiscarded;
import org.orderly.serial.QuietWait;

/** A half-duplex byte line (an RS-485 port): what a {@link Dlt645Client} needs of it. Not thread-safe. */
public interface SerialLine extends AutoCloseable {
    /** Drops whatever arrived and was not read: a late answer must not be taken for the next one. */
    void discardInput() throws IOException;

    void write(byte[] bytes) throws IOException;

    /** Reads what is available into {@code buf}, waiting at most {@code wait}; returns 0 when nothing came. */
    int read(byte[] buf, int off, int len, Duration wait) throws IOException;

    /**
     * Reads and drops what comes until nothing has come for {@code quiet}, or {@code bound} has passed: the rest of a
     * reply cut at its deadline, still coming ({@link QuietWait}, the Modbus RTU master's wait too). The line has been
     * quiet for {@code alreadyQuiet} before it: kept open, nothing read of it since its last byte, whatever came since
     * is held for reading, so only the rest of the quiet is waited for. Once {@code end} says the cut reply is whole, no
     * byte of it is left to come, and only {@code afterEnd} is waited for (the bus's gap between frames), unless what came
     * after the cut came dripping (then the whole quiet, in which a dripped copy of it begins). The bound is kept on
     * {@code ticker}, the client's, which its reads' waits and its deadlines go by (until 2026-12-07 on the JVM's
     * monotonic clock beside it: a test moving the ticker by hand could not drive it). Given {@code dripBound} (null
     * for none), the wait ends there while what comes drips, slower than a byte every {@code afterEnd} and every two
     * of the line's {@link #byteTime} ({@link QuietWait#discard}: {@link InputDiscarded#cutInDrip()}); what comes at
     * line speed is waited for past it.
     */
    default InputDiscarded discardUntilQuiet(Duration quiet, Duration alreadyQuiet, Duration bound, QuietWait.ReplyEnd end,
                                             Duration afterEnd, Ticker ticker, Duration dripBound) throws IOException {
        return QuietWait.discard((buffer, wait) -> read(buffer, 0, buffer.length, Duration.ofMillis(wait)),
                new QuietWait.Quiet(Math.toIntExact(quiet.toMillis()), alreadyQuiet.toMillis(), bound.toMillis(), end,
                        Math.toIntExact(afterEnd.toMillis()), () -> ticker.now().nanos(),
                        dripBound == null ? -1 : dripBound.toMillis(), byteTime().map(Duration::toNanos).orElse(0L)));
    }

    /**
     * One byte's time on the line (its bits over the baud rate), what tells a dripped reply from one at line speed;
     * empty where this end does not know the baud rate (a converter reached over TCP).
     */
    default Optional<Duration> byteTime() {
        return Optional.empty();
    }

    @Override
    void close();
}
