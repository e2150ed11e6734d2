package org.orderly.gateway.field.pile;

import java.util.Optional;

/** IEC 61851-1 vehicle state as a pile reports it. */
public enum ChargeState {
    /** No vehicle plugged in. */
    A,
    /** Plugged in, not charging. */
    B,
    /** Charging. */
    C,
    /** Error (pilot short, diode fault). */
    E,
    /** EVSE not available. */
    F;

    public boolean plugged() {
        return this == B || this == C;
    }

    public static Optional<ChargeState> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        for (ChargeState s : values()) {
            if (s.name().equalsIgnoreCase(text.trim())) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
