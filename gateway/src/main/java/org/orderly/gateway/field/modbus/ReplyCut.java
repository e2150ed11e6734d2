package org.orderly.gateway.field.modbus;

import java.time.Duration;

/**
 * An exchange cut at its deadline while the unit was still sending its reply (a byte at a time, each byte within the
 * wait for it: {@link ExchangeDeadline}): the unit answered, too slowly. On a serial line the rest of its reply still
 * comes down the line after the cut, and the next request waits for it to end ({@link ModbusConnection}).
 *
 * @param deadline how long after its start the exchange was cut
 * @param byteWait the wait for each byte of the reply, none of which ran out
 */
public record ReplyCut(Duration deadline, Duration byteWait) {
}
