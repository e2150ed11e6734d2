package org.orderly.gateway.web;

import java.util.Optional;
import org.orderly.gateway.field.pile.PileDriver;
import org.orderly.gateway.field.pile.PileState;

/**
 * A pile driver of a test or a benchmark of what the page reads of the drivers: its pile is never heard from, offers go
 * nowhere, and its count of failed sendings is fixed. Public: the control loop's tests run a cycle on it too.
 */
public record UnheardPile(String pileId, long setpointFailures) implements PileDriver {
    public UnheardPile(String pileId) {
        this(pileId, 0);
    }

    @Override
    public void offer(double amps) {
    }

    @Override
    public Optional<PileState> latest() {
        return Optional.empty();
    }

    @Override
    public void close() {
    }
}
