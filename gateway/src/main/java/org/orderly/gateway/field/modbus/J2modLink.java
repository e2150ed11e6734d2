package org.orderly.gateway.field.modbus;

import java.time.Duration;

/**
 * {@link ModbusLink} over a {@link ModbusConnection}: reads and writes, with each failure sorted and reported; a stop
 * (an interrupt while a busy retry waits) is thrown as such, not sorted as a failure.
 */
public final class J2modLink implements ModbusLink {
    private final ModbusConnection connection;

    public J2modLink(BusEndpoint endpoint, Duration timeout) {
        this(new ModbusConnection(endpoint, timeout));
    }

    J2modLink(ModbusConnection connection) {
        this.connection = connection;
    }

    @Override
    public int[] read(int unitId, FunctionCode function, int start, int count)
            throws FieldReadException, InterruptedException {
        return read(unitId, function, start, count, connection.timeout());
    }

    @Override
    public int[] read(int unitId, FunctionCode function, int start, int count, Duration timeout)
            throws FieldReadException, InterruptedException {
        return sorted(() -> connection.read(unitId, function, start, count, timeout),
                unitId + " fc" + function.code() + " " + String.format("0x%04X", start) + "+" + count);
    }

    @Override
    public void write(int unitId, WriteFunction function, int address, int raw)
            throws FieldReadException, InterruptedException {
        sorted(() -> {
            switch (function) {
                case WRITE_SINGLE_REGISTER -> connection.writeSingle(unitId, address, raw);
                case WRITE_MULTIPLE_REGISTERS -> connection.writeMultiple(unitId, address, raw);
            }
            return null;
        }, unitId + " fc" + function.code() + " " + String.format("0x%04X", address) + " := " + raw);
    }

    /** Runs one exchange, each failure sorted, said with the endpoint and {@code request}, and the connection told. */
    private <T> T sorted(BusyRetry.Attempt<T, Exception> exchange, String request)
            throws FieldReadException, InterruptedException {
        try {
            return exchange.call();
        } catch (InterruptedException stop) {
            throw stop;
        } catch (FieldReadException e) {
            connection.afterFailure(e.kind(), e);
            throw AnsweredBusyBefore.told(e);
        } catch (Exception e) {
            FailureKind kind = FailureClassifier.classify(e);
            connection.afterFailure(kind, e);
            throw AnsweredBusyBefore.carried(e, new FieldReadException(kind, connection.endpoint() + " unit " + request
                    + ": " + e.getMessage() + AnsweredBusyBefore.said(e), e));
        }
    }

    @Override
    public String toString() {
        return "j2mod " + connection.endpoint();
    }

    @Override
    public void disconnect() {
        connection.disconnect();
    }

    @Override
    public void close() {
        connection.close();
    }
}
