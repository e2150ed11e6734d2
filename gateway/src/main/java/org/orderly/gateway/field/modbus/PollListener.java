package org.orderly.gateway.field.modbus;

import java.util.List;

/**
 * Told of every reading and every failure of a meter poller ({@link BusPoller}, the DL/T 645 poller; each failure
 * through {@link org.orderly.gateway.field.MeterFailureLog}, one code for both), of a meter whose polls fail too
 * often, and of its serial port not opening, on the poller's thread. Implementations must be quick, must not wait on
 * another thread and must not throw; an exception thrown is logged and ignored.
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

    /**
     * The poller's serial port will not open, or failed as a port (its WARN): told at each try of it that fails, which
     * its poller makes less and less often while it stays shut. Its meters' polls meanwhile are the port's, not counted
     * as theirs ({@link org.orderly.gateway.field.MeterFailureLog}).
     */
    default void onPortUnavailable(PortUnavailable port) {
    }

    /** The port of bus or line {@code bus}, told of as unavailable, has opened again (its poller's INFO). */
    default void onPortOpen(String bus) {
    }

    /** Tells each of {@code listeners} in turn, in the order given. */
    static PollListener all(PollListener... listeners) {
        List<PollListener> each = List.of(listeners);
        return new PollListener() {
            @Override
            public void onReading(Reading reading) {
                each.forEach(l -> l.onReading(reading));
            }

            @Override
            public void onFailure(PollFailure failure) {
                each.forEach(l -> l.onFailure(failure));
            }

            @Override
            public void onFailingOften(FailureShare share) {
                each.forEach(l -> l.onFailingOften(share));
            }

            @Override
            public void onFailingSeldomAgain(String meterId) {
                each.forEach(l -> l.onFailingSeldomAgain(meterId));
            }

            @Override
            public void onPortUnavailable(PortUnavailable port) {
                each.forEach(l -> l.onPortUnavailable(port));
            }

            @Override
            public void onPortOpen(String bus) {
                each.forEach(l -> l.onPortOpen(bus));
            }
        };
    }

    /** A listener that ignores everything. */
    PollListener NONE = new PollListener() {
    };
}
