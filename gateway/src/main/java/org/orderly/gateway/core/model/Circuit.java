package org.orderly.gateway.core.model;

import java.util.Objects;

/**
 * A sub-panel (a garage feeder, say) whose EV draw is bounded by {@code limitKw}.
 * {@code parentId} is null for a circuit fed straight from the transformer.
 */
public record Circuit(String id, double limitKw, String parentId) {
    public Circuit {
        Objects.requireNonNull(id, "circuit id");
        if (!(limitKw >= 0)) {
            throw new IllegalArgumentException("circuit " + id + ": limitKw must be >= 0, got " + limitKw);
        }
    }
}
