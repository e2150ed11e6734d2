package org.orderly.gateway.field.modbus;

/**
 * Told of every reading and every failure of a meter poller ({@link BusPoller}, the DL/T 645 poller; each failure
 * through {@link org.orderly.gateway.field.MeterFailureLog}, one code for both), and of a meter whose polls fail too
 * often, on the poller's thread. Implementations must be quick, must not wait on another thread
 * and must not throw; an exception thrown is logged and ignored.
 */
public interface PollListener {

    default void onReading(Reading reading) {
    }

    default void onFailure(PollFailure failure) {
    }

    /**
     * The meter failed one poll in {@link org.orderly.gateway.field.MeterFailureLog#RATE_ONE_IN} or more over a window
     * (the log's WARN of it), told again at the end of each such window, and, while it is so, of each window in which
     * every poll failed (the meter gone silent), with that window's share; or it has just failed
     * {@link org.orderly.gateway.field.MeterFailureLog#WARN_AFTER} polls in a row, not refused (silent), with those
     * polls' share ({@code 3 of 3}) over the time since the first.
     */
    default void onFailingOften(FailureShare share) {
    }

    /**
     * A meter told of as failing often had a whole window under that share again, or one in which it was not polled
     * at all, its share no longer known (the log's INFO of either); or, told of as silent, answered a poll whole.
     */
    default void onFailingSeldomAgain(String meterId) {
    }

    /** A listener that ignores everything. */
    PollListener NONE = new PollListener() {
    };
}
