package org.orderly.gateway.store;

import java.nio.file.Path;
import java.util.List;

/**
 * A damaged store found at start and moved aside: what was found in {@code file}, where the damaged file now is,
 * what was copied into the fresh store and what could not be read, and the event recorded in the fresh store.
 */
public record StoreDamage(Path file, String found, Path movedTo, List<String> salvaged, List<String> lost,
                          StoreEvent event) {
    /** The kind of the event recorded in the fresh store and sent upstream. */
    public static final String EVENT = "store.movedAside";

    public StoreDamage {
        salvaged = List.copyOf(salvaged);
        lost = List.copyOf(lost);
    }
}
