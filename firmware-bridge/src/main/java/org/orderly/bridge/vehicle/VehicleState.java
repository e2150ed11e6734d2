package org.orderly.bridge.vehicle;

/** IEC 61851-1 vehicle states as read on the control pilot. */
public enum VehicleState {
    /** Not connected (+12 V). */
    A,
    /** Connected, not charging (+9 V). */
    B,
    /** Connected, charging (+6 V). */
    C,
    /**
     * Error (0 V): the pilot shorted to PE; as the pilot is sensed, also no diode, a level outside every band, and
     * state D (ventilation asked for, which a pile here has not).
     */
    E,
    /** EVSE not available (-12 V); as the pilot is sensed, also the pile unable to read its pilot (the ADC fails). */
    F;

    public boolean plugged() {
        return this == B || this == C;
    }
}
