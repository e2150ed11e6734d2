package org.orderly.gateway.upstream.command;

import java.time.Instant;
import org.orderly.gateway.core.model.GridCap;

/** A validated grid cap command: the compound's total load at most {@code limitKw} during [{@code from}, {@code to}). */
public record CapCommand(String id, Instant from, Instant to, double limitKw) {
    public GridCap cap() {
        return new GridCap(id, from, to, limitKw);
    }

    public static CapCommand of(GridCap c) {
        return new CapCommand(c.id(), c.from(), c.to(), c.limitKw());
    }
}
