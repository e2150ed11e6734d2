package org.orderly.gateway.upstream.command;

import java.time.Instant;
import org.orderly.gateway.core.model.GridCap;
import org.orderly.text.AsWritten;

/** A validated grid cap command: the compound's total load at most {@code limitKw} during [{@code from}, {@code to}). */
public record CapCommand(String id, Instant from, Instant to, double limitKw) {
    public GridCap cap() {
        return new GridCap(id, from, to, limitKw);
    }

    /**
     * {@code 13.75 kW from 2026-11-29T19:00:00Z to 2026-11-29T21:00:00Z}: the limit as the grid side wrote it, not
     * Java's {@code 400.0}; the {@code cap.accepted} event's message and the INFO of its acceptance.
     */
    public String said() {
        return AsWritten.number(limitKw) + " kW from " + from + " to " + to;
    }
}
