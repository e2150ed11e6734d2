package org.orderly.gateway.app.config;

import org.orderly.gateway.core.model.Pile;
import org.orderly.gateway.field.pile.PileRating;

/** A pile of the compound and how it is driven. */
public record PileConfig(Pile pile, PileDriver driver) {

    /** Its {@code minA}, {@code maxA} and how many phases it draws on, for its driver to check against what its bridge says. */
    public PileRating rating() {
        return PileRating.of(pile);
    }
}
