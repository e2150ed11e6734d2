package org.orderly.bridge.safety;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalState;
import org.orderly.bridge.pile.Pile;

/** Stub. */
public final class ResidualCurrentMonitor implements AutoCloseable {
    public ResidualCurrentMonitor(String pileId, Context pi4j, int pin, DigitalState tripLevel, Pile pile) {
    }

    public boolean tripped() {
        return false;
    }

    @Override
    public void close() {
    }
}
