package org.orderly.bridge.pilot;

/**
 * The pile's two outputs towards the vehicle: the control-pilot signal and the contactor relay.
 * Implementations: {@link Pi4jControlPilot} on the target, {@link InMemoryControlPilot} off it.
 */
public interface ControlPilot extends AutoCloseable {

    /** Drives the pilot with {@code signal}. */
    void signal(PilotSignal signal);

    /** Closes ({@code true}) or opens the contactor relay that carries the charging current. */
    void relay(boolean closed);

    /** The last signal driven. */
    PilotSignal currentSignal();

    /** Whether the relay is closed now. */
    boolean relayClosed();

    @Override
    void close();
}
