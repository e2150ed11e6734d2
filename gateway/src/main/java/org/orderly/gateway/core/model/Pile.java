package org.orderly.gateway.core.model;

import java.util.Objects;

/**
 * A charging pile: where it hangs in the circuit tree, which phase it loads and the current range
 * it accepts. {@code circuitId} is null for a pile wired straight to the transformer.
 */
public record Pile(String id, Phase phase, double minCurrentA, double maxCurrentA, String circuitId) {
    public Pile {
        Objects.requireNonNull(id, "pile id");
        Objects.requireNonNull(phase, "phase of pile " + id);
        if (!(minCurrentA > 0 && minCurrentA <= maxCurrentA)) {
            throw new IllegalArgumentException("pile " + id + ": need 0 < minCurrentA <= maxCurrentA, got "
                    + minCurrentA + " and " + maxCurrentA);
        }
    }
}
