package org.orderly.gateway.field.pile;

import java.time.Duration;
import org.orderly.gateway.field.modbus.BusEndpoint;
import org.orderly.gateway.field.modbus.FailureClassifier;
import org.orderly.gateway.field.modbus.FailureKind;
import org.orderly.gateway.field.modbus.FieldReadException;
import org.orderly.gateway.field.modbus.FunctionCode;
import org.orderly.gateway.field.modbus.ModbusConnection;

/**
 * One pile's Modbus connection, for reads and writes, on the same {@link ModbusConnection} the
 * meters use. Not thread-safe: used from the driver's single thread.
 */
final class PileModbusPort implements AutoCloseable {
    private final ModbusConnection connection;

    PileModbusPort(BusEndpoint endpoint, Duration timeout) {
        this.connection = new ModbusConnection(endpoint, timeout);
    }

    /** @throws InterruptedException a stop (the driver closing) while a busy pile's retry waited */
    void write(int unitId, PileRegister register, int raw) throws PileIoException, InterruptedException {
        String context = connection.endpoint() + " unit " + unitId + " fc" + register.function().code() + " "
                + register.name() + " " + String.format("0x%04X", register.address()) + " := " + raw;
        try {
            switch (register.function()) {
                case WRITE_SINGLE_REGISTER -> connection.writeSingle(unitId, register.address(), raw);
                case WRITE_MULTIPLE_REGISTERS -> connection.writeMultiple(unitId, register.address(), raw);
            }
        } catch (InterruptedException stop) {
            throw stop;
        } catch (Exception e) {
            throw failed(context, e);
        }
    }

    /** @throws InterruptedException a stop (the driver closing) while a busy pile's retry waited */
    int[] read(int unitId, FunctionCode function, int start, int count) throws PileIoException, InterruptedException {
        String context = connection.endpoint() + " unit " + unitId + " fc" + function.code() + " "
                + String.format("0x%04X", start) + "+" + count;
        try {
            return connection.read(unitId, function, start, count);
        } catch (InterruptedException stop) {
            throw stop;
        } catch (Exception e) {
            throw failed(context, e);
        }
    }

    private PileIoException failed(String context, Exception e) {
        FailureKind kind = e instanceof FieldReadException f ? f.kind() : FailureClassifier.classify(e);
        connection.afterFailure(kind, e);
        return new PileIoException(switch (kind) {
            case TIMEOUT -> PileFailureKind.TIMEOUT;
            case EXCEPTION_RESPONSE -> PileFailureKind.REJECTED;
            case BUSY -> PileFailureKind.BUSY;
            case GARBLED -> PileFailureKind.MALFORMED;
            case CONNECTION -> PileFailureKind.CONNECTION;
        }, context + ": " + e.getMessage(), e);
    }

    @Override
    public void close() {
        connection.close();
    }
}
