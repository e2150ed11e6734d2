package org.orderly.gateway.field.modbus;

/**
 * A meter's read (a Modbus block, a DL/T 645 identifier) that failed on every attempt: its last failure, and how many
 * tries were made for it, which the {@link PollFailure} reports. A poller's own, thrown from its retry loop to the
 * poll that reports it; no stack trace.
 */
public final class FailedRead extends Exception {
    private final transient FieldReadException error;
    private final int attempts;

    public FailedRead(FieldReadException error, int attempts) {
        super(error.getMessage(), error, false, false);
        this.error = error;
        this.attempts = attempts;
    }

    /** The last attempt's failure. */
    public FieldReadException error() {
        return error;
    }

    /** The tries made, retries included; 0 when none was (a shut Modbus port, not tried this cycle). */
    public int attempts() {
        return attempts;
    }
}
