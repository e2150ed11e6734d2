package org.orderly.gateway.field.modbus;

import java.time.Duration;

/**
 * How many of a meter's polls over a window of its poller's ticker failed, as
 * {@link org.orderly.gateway.field.MeterFailureLog} judged it (a poll counts once, however many of its reads failed).
 *
 * @param window how long the window lasted, {@link org.orderly.gateway.field.MeterFailureLog#RATE_WINDOW} or a little
 *               more (it ends at the first poll after that)
 */
public record FailureShare(String meterId, int failed, int polls, Duration window) {

    /** Whether every poll of the window failed: the meter silent, not failing often. */
    public boolean everyPollFailed() {
        return failed == polls;
    }
}
