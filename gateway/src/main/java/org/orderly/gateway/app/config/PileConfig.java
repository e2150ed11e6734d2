package org.orderly.gateway.app.config;

import org.orderly.gateway.core.model.Pile;

/** A pile of the compound and how it is driven. */
public record PileConfig(Pile pile, PileDriver driver) {
}
