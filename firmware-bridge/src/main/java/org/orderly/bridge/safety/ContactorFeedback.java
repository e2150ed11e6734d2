package org.orderly.bridge.safety;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalState;
import java.time.Duration;
import org.orderly.bridge.lease.ElapsedTime;
import org.orderly.bridge.pile.Pile;
import org.orderly.bridge.pilot.ControlPilot;

/** Stub. */
public final class ContactorFeedback implements AutoCloseable {
    public ContactorFeedback(String pileId, Context pi4j, int pin, DigitalState closedLevel, ControlPilot pilot,
                             Pile pile, Duration settle, ElapsedTime time) {
    }

    public void check() {
    }

    @Override
    public void close() {
    }
}
