package org.orderly.gateway.field.modbus;

import java.time.Instant;

/**
 * A meter's request that failed after all its attempts, whatever the protocol.
 *
 * @param bus      the bus or DL/T 645 line
 * @param request  what was asked, as the log names it: a Modbus block ({@code fc3 0x0000+1}) or a DL/T 645 identifier
 *                 ({@code DI 02030000 (power.total.kw)})
 * @param attempts how many times it was sent (0 when a shut port sent nothing)
 * @param message  the last error, with bus, meter and what was asked
 */
public record PollFailure(String bus, String meterId, String request, FailureKind kind, int attempts,
        String message, Instant at) {
}
