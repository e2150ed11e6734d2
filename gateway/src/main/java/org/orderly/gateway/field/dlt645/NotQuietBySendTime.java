package org.orderly.gateway.field.dlt645;

import java.time.Duration;
import java.util.Optional;

/**
 * The line not quiet after a cut reply by the latest time a request could be sent ({@link Dlt645Client#waiting(Duration,
 * org.orderly.gateway.core.time.Tick)}): the request was not sent. The cause of the {@code TIMEOUT} it is reported as,
 * and what tells the poller that the cycle's end, not the meter asked, ended its read: a meter that drips its reply drips
 * a copy of it too, which the wait reads to its end, bounded only by its bytes times the wait (docs/dlt645.md).
 */
public final class NotQuietBySendTime extends Exception {
    private final transient MeterAddress cutFrom;

    /** @param cutFrom the meter asked in the exchange whose reply was cut (the broadcast address for an address read) */
    NotQuietBySendTime(int bytes, Duration waited, MeterAddress cutFrom) {
        super("the line not quiet after meter " + cutFrom + "'s reply cut at its deadline within the " + waited.toMillis()
                + " ms left to send the request (" + bytes + " bytes came); not sent");
        this.cutFrom = cutFrom;
    }

    /** The meter asked in the exchange whose cut reply the line was not quiet after. */
    public MeterAddress cutFrom() {
        return cutFrom;
    }

    /** Whether {@code failure} is, or was caused by, a request not sent for want of quiet by its send time. */
    public static boolean in(Throwable failure) {
        return of(failure).isPresent();
    }

    /** The request not sent for want of quiet by its send time that {@code failure} is, or was caused by. */
    public static Optional<NotQuietBySendTime> of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof NotQuietBySendTime notQuiet) {
                return Optional.of(notQuiet);
            }
        }
        return Optional.empty();
    }
}
