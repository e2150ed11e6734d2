package org.orderly.gateway.field.modbus;

import java.time.Instant;

/**
 * A request that failed after all its attempts.
 *
 * @param attempts how many times it was sent
 * @param message  the last error, with bus, unit and registers
 */
public record PollFailure(String bus, String meterId, ReadBlock block, FailureKind kind, int attempts,
        String message, Instant at) {
}
