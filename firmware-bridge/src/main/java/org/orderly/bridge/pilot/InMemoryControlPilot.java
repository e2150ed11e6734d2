package org.orderly.bridge.pilot;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A control pilot that only remembers (and logs) what it was told: for simulation and tests. */
public final class InMemoryControlPilot implements ControlPilot {

    private static final Logger LOG = LoggerFactory.getLogger(InMemoryControlPilot.class);

    private volatile PilotSignal signal = new PilotSignal.Standby();
    private volatile boolean relayClosed;

    @Override
    public void signal(PilotSignal signal) {
        if (!signal.equals(this.signal)) {
            LOG.debug("pilot {} -> {}", this.signal, signal);
        }
        this.signal = signal;
    }

    @Override
    public void relay(boolean closed) {
        if (closed != relayClosed) {
            LOG.debug("relay {}", closed ? "closed" : "open");
        }
        this.relayClosed = closed;
    }

    @Override
    public PilotSignal currentSignal() {
        return signal;
    }

    @Override
    public boolean relayClosed() {
        return relayClosed;
    }

    @Override
    public void close() {
        relay(false);
        signal(new PilotSignal.Standby());
    }
}
