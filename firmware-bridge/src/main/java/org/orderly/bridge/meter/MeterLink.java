package org.orderly.bridge.meter;

import java.time.Duration;

/** A j2mod master reading the meter (stub). */
final class MeterLink implements AutoCloseable {

    MeterLink(MeterTransport transport, Duration timeout) {
    }

    MeterReply read(MeterModel model, int unit) throws Exception {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public void close() {
    }
}
