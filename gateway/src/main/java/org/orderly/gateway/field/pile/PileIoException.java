package org.orderly.gateway.field.pile;

import java.util.Objects;

/** A classified failure of one exchange with a pile, with the operation in its message. */
public final class PileIoException extends Exception {

    private final PileFailureKind kind;

    public PileIoException(PileFailureKind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public PileFailureKind kind() {
        return kind;
    }
}
