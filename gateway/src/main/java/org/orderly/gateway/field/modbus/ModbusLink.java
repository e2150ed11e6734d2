package org.orderly.gateway.field.modbus;

/** One bus's master side: a blocking register read. Implementations need not be thread-safe. */
public interface ModbusLink extends AutoCloseable {

    /**
     * Reads {@code count} registers from {@code start}.
     *
     * @return exactly {@code count} unsigned 16-bit words
     * @throws FieldReadException   classified as timeout, exception response, busy, garbled or connection
     * @throws InterruptedException a stop (the thread interrupted) while the link waited
     */
    int[] read(int unitId, FunctionCode function, int start, int count) throws FieldReadException, InterruptedException;

    @Override
    void close();
}
