package org.orderly.gateway.field.modbus;

/**
 * Told of every reading and every failure of a {@link BusPoller}, on the poller's thread.
 * Implementations must be quick and must not throw; an exception thrown is logged and ignored.
 */
public interface PollListener {

    default void onReading(Reading reading) {
    }

    default void onFailure(PollFailure failure) {
    }

    /** A listener that ignores everything. */
    PollListener NONE = new PollListener() {
    };
}
