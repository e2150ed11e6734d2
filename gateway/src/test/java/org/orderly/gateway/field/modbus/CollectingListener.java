package org.orderly.gateway.field.modbus;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A poller's listener that keeps every reading, failure and unopened port it is told of, in order; a test may read them
 * while the poller's thread still runs.
 */
public final class CollectingListener implements PollListener {
    public final List<Reading> readings = new CopyOnWriteArrayList<>();
    public final List<PollFailure> failures = new CopyOnWriteArrayList<>();
    public final List<PortUnavailable> portAlarms = new CopyOnWriteArrayList<>();

    @Override
    public void onReading(Reading r) {
        readings.add(r);
    }

    @Override
    public void onFailure(PollFailure f) {
        failures.add(f);
    }

    @Override
    public void onPortUnavailable(PortUnavailable port) {
        portAlarms.add(port);
    }
}
