package org.orderly.gateway.field.modbus;

/** Why a request to a meter failed. */
public enum FailureKind {
    /** No (complete) response within the bus timeout. */
    TIMEOUT,
    /** The meter answered with a Modbus exception response (e.g. illegal data address). Not retried. */
    EXCEPTION_RESPONSE,
    /**
     * The device answered exception 06 (server device busy) to every try: the Modbus spec's "retry later", not a
     * refusal of the registers.
     */
    BUSY,
    /** A response arrived but was unusable: bad CRC, wrong length, wrong unit or function, junk. */
    GARBLED,
    /** The bus itself could not be reached: connection refused or lost, port missing. */
    CONNECTION;

    /**
     * The meter refused the registers (it does not serve them): the poll's other quantities stand on their own. Any
     * other failure is a fault of that poll, which leaves its reading half.
     */
    public boolean refusal() {
        return this == EXCEPTION_RESPONSE;
    }
}
