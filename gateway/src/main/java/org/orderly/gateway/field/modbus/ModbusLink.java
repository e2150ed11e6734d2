package org.orderly.gateway.field.modbus;

import java.time.Duration;

/**
 * One bus's master side: blocking register reads and writes. Implementations need not be thread-safe, but for
 * {@link #close}, which a stopping owner may call from another thread.
 */
public interface ModbusLink extends AutoCloseable {

    /**
     * Reads {@code count} registers from {@code start}.
     *
     * @return exactly {@code count} unsigned 16-bit words
     * @throws FieldReadException   classified as timeout, exception response, busy, garbled or connection
     * @throws InterruptedException a stop (the thread interrupted) while the link waited
     */
    int[] read(int unitId, FunctionCode function, int start, int count) throws FieldReadException, InterruptedException;

    /**
     * As {@link #read(int, FunctionCode, int, int)}, waiting at most {@code timeout} for this request's answer instead of
     * the link's own timeout, which applies again to the next request not given one. For a poller that must have the
     * bus free again by a given time. A connection the link has to make first is waited for on its own, up to
     * {@code timeout} too (docs/register-maps.md, "The poller"): the request's wait begins once it is made.
     *
     * @param timeout at least a millisecond; no longer than the link's own timeout
     * @throws FieldReadException TIMEOUT when no answer came within {@code timeout}
     */
    int[] read(int unitId, FunctionCode function, int start, int count, Duration timeout)
            throws FieldReadException, InterruptedException;

    /**
     * Writes {@code raw} to the holding register at {@code address}, with function 06 or 16, waiting the link's own
     * timeout for the answer.
     *
     * @throws FieldReadException   classified as {@link #read(int, FunctionCode, int, int)}'s failures are
     * @throws InterruptedException a stop (the thread interrupted) while the link waited
     */
    void write(int unitId, WriteFunction function, int address, int raw) throws FieldReadException, InterruptedException;

    /** Drops the link's connection, if it holds one: the next request makes a new one. From the owner's thread. */
    void disconnect();

    /**
     * Closes the link for good, from any thread: a connection being made as it closes is closed once made, and later
     * requests are a stop ({@link InterruptedException}).
     */
    @Override
    void close();
}
