package org.orderly.gateway.field.modbus;

import java.time.Duration;

/**
 * A link that hands every request to another, each read watched: a test or benchmark sees each read's unit, how long it
 * took and how it ended, the poller's request unchanged.
 */
abstract class ReadsWatched implements ModbusLink {
    private final ModbusLink link;

    ReadsWatched(ModbusLink link) {
        this.link = link;
    }

    /** Told after each read, begun at {@code begunNanos} ({@link System#nanoTime}): its failure, or null when answered. */
    abstract void read(int unitId, long begunNanos, FieldReadException failure);

    @Override
    public int[] read(int unitId, FunctionCode function, int start, int count)
            throws FieldReadException, InterruptedException {
        return watched(unitId, () -> link.read(unitId, function, start, count));
    }

    @Override
    public int[] read(int unitId, FunctionCode function, int start, int count, Duration timeout)
            throws FieldReadException, InterruptedException {
        return watched(unitId, () -> link.read(unitId, function, start, count, timeout));
    }

    private int[] watched(int unitId, Read read) throws FieldReadException, InterruptedException {
        long begun = System.nanoTime();
        FieldReadException failure = null;
        try {
            return read.run();
        } catch (FieldReadException e) {
            failure = e;
            throw e;
        } finally {
            read(unitId, begun, failure);
        }
    }

    @Override
    public void write(int unitId, WriteFunction function, int address, int raw)
            throws FieldReadException, InterruptedException {
        link.write(unitId, function, address, raw);
    }

    @Override
    public void disconnect() {
        link.disconnect();
    }

    @Override
    public void close() {
        link.close();
    }

    @FunctionalInterface
    private interface Read {
        int[] run() throws FieldReadException, InterruptedException;
    }
}
