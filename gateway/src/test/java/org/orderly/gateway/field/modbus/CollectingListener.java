package org.orderly.gateway.field.modbus;

import java.util.ArrayList;
import java.util.List;

/** A poller's listener that keeps every reading and failure it is told of, in order (one poller thread). */
final class CollectingListener implements PollListener {
    final List<Reading> readings = new ArrayList<>();
    final List<PollFailure> failures = new ArrayList<>();

    @Override
    public void onReading(Reading r) {
        readings.add(r);
    }

    @Override
    public void onFailure(PollFailure f) {
        failures.add(f);
    }
}
