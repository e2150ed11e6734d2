package org.orderly.gateway.field.modbus;

import java.time.Duration;

/**
 * An exchange cut at its deadline while a reply was still coming (a byte at a time, each byte within the wait for it:
 * {@link ExchangeDeadline}). Of the unit asked: it answered, too slowly. Of another unit (on a serial line, bytes that
 * began with another unit's address): that unit's late reply held the line, and the unit asked is not known to have
 * answered or not. On a serial line the rest of the reply still comes down the line after the cut, whoever's it is, and
 * the next request waits for it to end ({@link ModbusConnection}).
 *
 * @param deadline     how long after its start the exchange was cut
 * @param byteWait     the wait for each byte of the reply, none of which ran out
 * @param ofUnitAsked  whether the reply cut was the unit asked's own; false when it began with another unit's address
 * @param restMayStillCome whether the rest of the reply may still be coming: true for a cut at the deadline; false for
 *                     the port's or socket's own wait for a byte run out after another unit's address or header, the
 *                     wait of quiet had, nothing still coming (until 2026-12-07, mend61f, such a timeout barred a serial
 *                     retry as a cut at the deadline does: {@code BusPollerRetryAfterCutTest})
 */
public record ReplyCut(Duration deadline, Duration byteWait, boolean ofUnitAsked, boolean restMayStillCome) {
    /** A cut at the deadline, whose rest may still be coming. */
    public ReplyCut(Duration deadline, Duration byteWait, boolean ofUnitAsked) {
        this(deadline, byteWait, ofUnitAsked, true);
    }
}
