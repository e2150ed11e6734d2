package org.orderly.bridge.vehicle;

/** IEC 61851-1 vehicle states as read on the control pilot. */
public enum VehicleState {
    /** Not connected (+12 V). */
    A,
    /** Connected, not charging (+9 V). */
    B,
    /** Connected, charging (+6 V). */
    C,
    /** Error: pilot short or no diode (0 V). */
    E,
    /** EVSE not available (-12 V). */
    F;

    public boolean plugged() {
        return this == B || this == C;
    }
}
