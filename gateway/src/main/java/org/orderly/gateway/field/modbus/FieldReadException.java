package org.orderly.gateway.field.modbus;

/** A failed Modbus request, classified, with the bus, unit and registers it concerned in its message. */
public final class FieldReadException extends Exception {

    private final FailureKind kind;

    public FieldReadException(FailureKind kind, String context, Throwable cause) {
        super(kind + ": " + context, cause);
        this.kind = kind;
    }

    public FailureKind kind() {
        return kind;
    }
}
