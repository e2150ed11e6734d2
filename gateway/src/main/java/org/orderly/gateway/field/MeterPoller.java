package org.orderly.gateway.field;

/** A background poller of one bus's meters, whatever the protocol: started once, closed once. */
public interface MeterPoller extends AutoCloseable {
    void start();

    @Override
    void close();
}
