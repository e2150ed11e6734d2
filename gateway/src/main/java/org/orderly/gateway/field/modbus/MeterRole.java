package org.orderly.gateway.field.modbus;

/** Why a meter is polled, which decides how often. */
public enum MeterRole {
    /** The transformer (or compound incomer) meter: read every cycle. */
    TRANSFORMER,
    /** A pile's meter: read round-robin in the time the cycle has left. */
    PILE
}
