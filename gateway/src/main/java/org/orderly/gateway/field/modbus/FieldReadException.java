package org.orderly.gateway.field.modbus;

/** A failed Modbus request, classified, with the bus, unit and registers it concerned in its message. */
public final class FieldReadException extends Exception {

    private final FailureKind kind;
    private final String context;

    public FieldReadException(FailureKind kind, String context, Throwable cause) {
        super(kind + ": " + context, cause);
        this.kind = kind;
        this.context = context;
    }

    /** The message without its kind: where, and what happened. */
    public String context() {
        return context;
    }

    public FailureKind kind() {
        return kind;
    }
}
