package org.orderly.gateway.field.pile;

import java.time.Duration;
import org.orderly.gateway.field.modbus.BusEndpoint;
import org.orderly.gateway.field.modbus.AnsweredBusyBefore;
import org.orderly.gateway.field.modbus.FieldReadException;
import org.orderly.gateway.field.modbus.FunctionCode;
import org.orderly.gateway.field.modbus.J2modLink;
import org.orderly.gateway.field.modbus.ModbusLink;

/**
 * One pile's Modbus reads and writes: on a master of its own (the same {@link J2modLink} the meters use), or through
 * its serial bus's poller ({@link org.orderly.gateway.field.modbus.BusPoller#pileRequests()}), which holds the port's
 * one master. Not thread-safe: used from the driver's single thread.
 */
final class PileModbusPort implements AutoCloseable {
    private final ModbusLink link;
    private final String endpoint;

    /** On a master of its own, which a busy pile's answer asks again. */
    PileModbusPort(BusEndpoint endpoint, Duration timeout) {
        this(new J2modLink(endpoint, timeout), endpoint);
    }

    /** Through {@code link}, closed with this port (a bus poller's is left to the poller). */
    PileModbusPort(ModbusLink link, BusEndpoint endpoint) {
        this.link = link;
        this.endpoint = endpoint.toString();
    }

    /** @throws InterruptedException a stop (the driver closing) while a busy pile's retry waited */
    void write(int unitId, PileRegister register, int raw) throws PileIoException, InterruptedException {
        String context = endpoint + " unit " + unitId + " fc" + register.function().code() + " "
                + register.name() + " " + String.format("0x%04X", register.address()) + " := " + raw;
        try {
            link.write(unitId, register.function(), register.address(), raw);
        } catch (FieldReadException e) {
            throw failed(context, e);
        }
    }

    /** @throws InterruptedException a stop (the driver closing) while a busy pile's retry waited */
    int[] read(int unitId, FunctionCode function, int start, int count) throws PileIoException, InterruptedException {
        String context = endpoint + " unit " + unitId + " fc" + function.code() + " "
                + String.format("0x%04X", start) + "+" + count;
        try {
            return link.read(unitId, function, start, count);
        } catch (FieldReadException e) {
            throw failed(context, e);
        }
    }

    /**
     * The failure said with this port's context: the link's own words for it would say the request twice. Busy answers
     * before it are said, as a meter's are: a pile that answered busy is there.
     */
    private static PileIoException failed(String context, FieldReadException e) {
        return new PileIoException(switch (e.kind()) {
            case TIMEOUT -> PileFailureKind.TIMEOUT;
            case EXCEPTION_RESPONSE -> PileFailureKind.REJECTED;
            case BUSY -> PileFailureKind.BUSY;
            case GARBLED -> PileFailureKind.MALFORMED;
            case CONNECTION -> PileFailureKind.CONNECTION;
        }, context + ": " + AnsweredBusyBefore.said(e.getCause() != null ? e.getCause().getMessage() : e.getMessage(), e), e);
    }

    @Override
    public void close() {
        link.close();
    }
}
