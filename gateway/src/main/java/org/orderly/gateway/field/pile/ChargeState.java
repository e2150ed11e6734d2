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

    /**
     * Whether it is E or F: a fault, which says nothing of whether a car is plugged in (IEC 61851-1: only A says none;
     * docs/architecture.md, "A pile in E or F").
     */
    public boolean fault() {
        return this == E || this == F;
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
