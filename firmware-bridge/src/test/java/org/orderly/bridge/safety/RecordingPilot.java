package org.orderly.bridge.safety;

import java.util.ArrayList;
import java.util.List;
import org.orderly.bridge.pilot.ControlPilot;
import org.orderly.bridge.pilot.InMemoryControlPilot;
import org.orderly.bridge.pilot.PilotSignal;

/**
 * The in-memory pilot with every relay command recorded in order: a test of a pile's start can then say the relay was
 * never closed, not only that it is open now.
 */
final class RecordingPilot implements ControlPilot {
    private final InMemoryControlPilot outputs = new InMemoryControlPilot();
    private final List<Boolean> relay = new ArrayList<>();

    /** Every relay command so far, in order: true to close, false to open. */
    List<Boolean> relayHistory() {
        synchronized (relay) {
            return List.copyOf(relay);
        }
    }

    @Override
    public void signal(PilotSignal signal) {
        outputs.signal(signal);
    }

    @Override
    public void relay(boolean closed) {
        synchronized (relay) {
            relay.add(closed);
        }
        outputs.relay(closed);
    }

    @Override
    public PilotSignal currentSignal() {
        return outputs.currentSignal();
    }

    @Override
    public boolean relayClosed() {
        return outputs.relayClosed();
    }

    @Override
    public void close() {
        outputs.close();
    }
}
