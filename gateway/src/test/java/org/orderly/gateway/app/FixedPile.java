package org.orderly.gateway.app;

import java.util.Optional;
import org.orderly.gateway.field.pile.PileDriver;
import org.orderly.gateway.field.pile.PileState;

/** A pile whose latest status is fixed, for a test of what {@link FieldView} makes of it. */
record FixedPile(PileState state) implements PileDriver {
    @Override
    public String pileId() {
        return state.pileId();
    }

    @Override
    public void offer(double amps) {
    }

    @Override
    public Optional<PileState> latest() {
        return Optional.of(state);
    }

    @Override
    public void close() {
    }
}
