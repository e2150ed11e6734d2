package org.orderly.gateway.field.pile;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A failed exchange with a pile.
 *
 * @param pileId    which pile
 * @param operation what the driver was doing, e.g. {@code "PUT coaps://10.0.0.7:5684/limit 16 A ttl 10 s"}
 * @param kind      why it failed
 * @param message   what the pile or the stack said
 * @param at        when (the driver's clock)
 * @param cause     the exception, when there was one
 */
public record PileFailure(String pileId, String operation, PileFailureKind kind, String message, Instant at,
                          Optional<Throwable> cause) {

    public PileFailure {
        Objects.requireNonNull(pileId, "pileId");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(cause, "cause");
    }

    @Override
    public String toString() {
        return "pile " + pileId + ": " + operation + " failed: " + kind + ": " + message;
    }
}
