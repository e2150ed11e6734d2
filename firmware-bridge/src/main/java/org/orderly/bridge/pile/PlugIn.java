package org.orderly.bridge.pile;

import java.time.Duration;

/**
 * When the present vehicle was plugged in, on the bridge's monotonic clock
 * ({@link org.orderly.bridge.lease.ElapsedTime}): only the time since means anything, so neither the bridge's nor the
 * gateway's wall clock (NTP steps) moves it. It is the same for the whole plug-in, so it does not make the status
 * change, and Observe notify, every second.
 *
 * @param elapsedNanos the step at which the state went to B or C from neither, on the pile's elapsed time
 * @param atStart      whether it is the car the bridge found plugged in at its start (no A read since, and no plug-in
 *                     ended: E or F before the first says nothing of a car there): then the car may have been plugged
 *                     in any time before, while an earlier bridge ran or none did
 */
public record PlugIn(long elapsedNanos, boolean atStart) {

    /** A car plugged in while the bridge ran. */
    public PlugIn(long elapsedNanos) {
        this(elapsedNanos, false);
    }

    /** How long before {@code nowNanos} (on the same elapsed time) the vehicle was plugged in; never negative. */
    public Duration before(long nowNanos) {
        long d = nowNanos - elapsedNanos;
        return d <= 0 ? Duration.ZERO : Duration.ofNanos(d);
    }
}
