package org.orderly.gateway.field.modbus;

/**
 * Told of every reading of a meter poller ({@link BusPoller}, the DL/T 645 poller), of every failure of a
 * {@link BusPoller} (the DL/T 645 poller counts its own), and by both of a meter whose polls fail too often, on the
 * poller's thread. Implementations must be quick, must not wait on another thread
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
     * every poll failed (the meter gone silent), with that window's share.
     */
    default void onFailingOften(FailureShare share) {
    }

    /**
     * A meter told of as failing often had a whole window under that share again, or one in which it was not polled
     * at all, its share no longer known (the log's INFO of either).
     */
    default void onFailingSeldomAgain(String meterId) {
    }

    /** A listener that ignores everything. */
    PollListener NONE = new PollListener() {
    };
}
