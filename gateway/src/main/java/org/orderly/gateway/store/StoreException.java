package org.orderly.gateway.store;

/** A database operation failed; the message says which and on what file. */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
